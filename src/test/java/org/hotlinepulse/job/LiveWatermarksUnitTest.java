package org.hotlinepulse.job;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** One partition's watermark in the live job, with the wall clock in the test's hand. */
class LiveWatermarksUnitTest {
    static final long DELAY = 10_000;
    static final long QUIET_AFTER = 60_000;
    static final long T0 = 1_760_000_000_000L;

    private final AtomicLong wallClock = new AtomicLong(T0);
    private final LiveWatermarks<String> generator = new LiveWatermarks<>(DELAY, QUIET_AFTER, wallClock::get);
    private final RecordingOutput output = new RecordingOutput();

    private long emit() {
        generator.onPeriodicEmit(output);
        return output.last();
    }

    private void event(long timestamp) {
        generator.onEvent("cdr", timestamp, output);
    }

    @Test
    void whileCdrsFlowTheWatermarkTrailsTheLatestStartByTheDelay() {
        event(T0 - 5_000);
        event(T0 - 30_000);
        assertThat(emit()).isEqualTo(T0 - 5_000 - DELAY - 1);
    }

    @Test
    void aPartitionThatNeverReceivesAnythingFollowsTheWallClockOnceQuiet() {
        assertThat(emit()).as("a backlog may still be on its way").isEqualTo(Long.MIN_VALUE);
        wallClock.set(T0 + QUIET_AFTER - 1);
        assertThat(emit()).isEqualTo(Long.MIN_VALUE);

        wallClock.set(T0 + QUIET_AFTER);
        assertThat(emit()).isEqualTo(T0 + QUIET_AFTER - DELAY - 1);
        wallClock.set(T0 + 10 * QUIET_AFTER);
        assertThat(emit()).as("and keeps following it, never declared idle")
                .isEqualTo(T0 + 10 * QUIET_AFTER - DELAY - 1);
        assertThat(output.idle).isFalse();
    }

    @Test
    void aFeedThatGoesDeadStopsHoldingEventTimeBack() {
        event(T0);
        wallClock.set(T0 + QUIET_AFTER / 2);
        assertThat(emit()).isEqualTo(T0 - DELAY - 1);

        wallClock.set(T0 + 5 * QUIET_AFTER);
        assertThat(emit()).isEqualTo(T0 + 5 * QUIET_AFTER - DELAY - 1);
    }

    @Test
    void aLateCdrAfterAQuietSpellNeverMovesTheWatermarkBack() {
        wallClock.set(T0 + QUIET_AFTER);
        long quiet = emit();
        event(T0 - 3_600_000);
        emit();
        assertThat(output.emitted).containsExactly(quiet);
    }

    private static final class RecordingOutput implements WatermarkOutput {
        final List<Long> emitted = new ArrayList<>();
        boolean idle;

        long last() {
            return emitted.isEmpty() ? Long.MIN_VALUE : emitted.get(emitted.size() - 1);
        }

        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {}
    }
}
