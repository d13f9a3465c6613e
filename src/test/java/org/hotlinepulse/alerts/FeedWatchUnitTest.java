package org.hotlinepulse.alerts;

import org.hotlinepulse.testing.PojoRoundTrip;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FeedWatchUnitTest {

    @Test
    void eachStepKeepsTheLatestStartNotedForItAndIsTakenOnce() {
        FeedWatch watch = new FeedWatch();
        assertThat(watch.await(3_000, 2_500)).as("a new step").isTrue();
        assertThat(watch.await(1_000, 400)).isTrue();
        assertThat(watch.await(3_000, 2_900)).as("the same step").isFalse();
        assertThat(watch.await(3_000, 2_100)).isFalse();
        assertThat(watch.await(2_000, 1_000)).isTrue();
        assertThat(watch.pendingSteps()).containsExactly(1_000, 2_000, 3_000);

        assertThat(watch.take(3_000)).isEqualTo(2_900);
        assertThat(watch.take(3_000)).as("taken already").isEqualTo(FeedWatch.NONE);
        assertThat(watch.take(1_000)).isEqualTo(400);
        assertThat(watch.pendingSteps()).containsExactly(2_000);
        assertThat(watch.take(2_000)).isEqualTo(1_000);
        assertThat(watch.pendingSteps()).isEmpty();
    }

    @Test
    void aBusyFeedKeepsItsStepsInOrderAsTheyComeAndGo() {
        FeedWatch watch = new FeedWatch();
        for (long step = 1_000; step <= 100_000; step += 1_000) {
            watch.await(step, step - 1);
        }
        watch.await(50_500, 50_400);
        for (long step = 1_000; step <= 40_000; step += 1_000) {
            assertThat(watch.take(step)).isEqualTo(step - 1);
        }
        watch.await(100_500, 100_400);

        assertThat(watch.pendingSteps()).hasSize(62).startsWith(41_000).endsWith(100_000, 100_500).isSorted();
        assertThat(watch.take(50_500)).isEqualTo(50_400);
        assertThat(watch.pendingSteps()).doesNotContain(50_500).hasSize(61);
    }

    @Test
    void theFeedIsHeardAtTheLatestStartEverHeard() {
        FeedWatch watch = new FeedWatch();
        assertThat(watch.isHeard()).isFalse();
        watch.heard(5_000);
        watch.heard(4_000);
        assertThat(watch.lastHeard).isEqualTo(5_000);
        assertThat(watch.isHeard()).isTrue();
    }

    @Test
    void itIsAFlinkPojoThatSurvivesACheckpoint() throws Exception {
        FeedWatch watch = new FeedWatch();
        watch.await(2_000, 1_500);
        watch.heard(900);
        watch.openSince = 700;
        watch.staleCheck = 1_200;

        FeedWatch copy = PojoRoundTrip.of(FeedWatch.class, watch);

        assertThat(copy).usingRecursiveComparison().isEqualTo(watch);
    }
}
