package org.hotlinepulse.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotlinepulse.avro.Outcome.ANSWERED;
import static org.hotlinepulse.avro.Outcome.FAILED;
import static org.hotlinepulse.avro.Outcome.NO_ANSWER;

import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.pipeline.Attempt;
import org.hotlinepulse.testing.PojoRoundTrip;
import org.junit.jupiter.api.Test;

class LineHealthStateUnitTest {

    @Test
    void stateIsAFlinkPojoAndRoundTripsThroughItsSerializer() throws IOException {
        assertThat(TypeInformation.of(LearnedBaseline.class)).isInstanceOf(PojoTypeInfo.class);

        AlertScenario s = new AlertScenario(AlertScenario.OFFICE);
        s.calls("2026-10-12T09:00", 5, NO_ANSWER);
        s.probe("2026-10-12T09:06", FAILED);
        LineHealth copy = PojoRoundTrip.of(LineHealth.class, s.health);

        assertThat(copy.isOpen(AlertType.UNANSWERED)).isTrue();
        assertThat(copy.unansweredMode).isEqualTo(s.health.unansweredMode);
        assertThat(copy.failedProbes).isEqualTo(1);
        assertThat(copy.learned.rate).containsExactly(s.health.learned.rate);
        // the copy goes on exactly as the original would
        var resolved = copy.onAttempt(new Attempt(AlertScenario.at("2026-10-12T09:30"), AlertScenario.at("2026-10-12T09:31"),
                ANSWERED, false, false, false), s.ctx());
        assertThat(resolved).hasSize(1);
        assertThat(resolved.get(0).getId()).isEqualTo(s.alerts.get(0).getId());
        assertThat(copy.onAttempt(new Attempt(AlertScenario.at("2026-10-12T09:40"), AlertScenario.at("2026-10-12T09:41"),
                FAILED, true, false, false), s.ctx())).extracting(a -> a.getType()).containsExactly(AlertType.PROBE_FAILED);
    }

    @Test
    void theDetectorsKeyedValueIsAFlinkPojoWithItsWaitingCallsInOrder() throws IOException {
        LineWatch watch = new LineWatch();
        long t = AlertScenario.at("2026-10-12T09:00");
        watch.await(new Attempt(t + 2_000, t + 9_000, ANSWERED, false, false, false, "pbx-b"));
        watch.await(new Attempt(t, t + 5_000, FAILED, true, false, false));
        watch.await(new Attempt(t, t + 7_000, NO_ANSWER, false, true, false));
        watch.ruleDue = t + 60_000;
        watch.watched = true;
        watch.watchedSince = t - 1;
        LineWatch copy = PojoRoundTrip.of(LineWatch.class, watch);

        assertThat(copy.waiting).containsExactly(watch.waiting);
        assertThat(copy.takeFirstWaiting()).extracting(Attempt::outcome).containsExactly(FAILED, NO_ANSWER);
        assertThat(copy.firstWaiting()).isEqualTo(t + 2_000);
        assertThat(copy.ruleDue).isEqualTo(watch.ruleDue);
        assertThat(copy.watchedSince).isEqualTo(watch.watchedSince);
    }
}
