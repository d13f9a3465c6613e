package org.hotlinepulse.job;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.RelativeClock;

import java.util.function.LongSupplier;

/**
 * One Kafka partition's watermark in the live job: {@link InputWatermarks} while it delivers,
 * and idle (holding nothing back) once it has been quiet for a while. How long depends on whether
 * it has caught up: a partition whose latest start_time is within max_out_of_orderness plus
 * {@code quietAfter} of the clock is live and is idle after {@code quietAfter}; one that has
 * delivered nothing yet, or whose records are older (a backlog being read), is idle only after
 * {@code stalledAfter}, since more is most likely on its way: a consumer still connecting, a
 * rebalance or a broker restart must not let the clock overtake the backlog. Quiet time is
 * counted on the input-activity clock, which Flink stops while the reader is back-pressured.
 */
final class PartitionWatermarks<T> implements WatermarkGenerator<T> {
    private final InputWatermarks<T> records;
    private final long maxOutOfOrdernessMs;
    private final long quietAfterMs;
    private final long stalledAfterMs;
    private final RelativeClock activity;
    private final LongSupplier clock;
    private long maxTimestamp = Long.MIN_VALUE;
    private long lastActivityNanos;
    private boolean idle;

    PartitionWatermarks(long maxOutOfOrdernessMs, long quietAfterMs, long stalledAfterMs,
                        RelativeClock activity, LongSupplier clock) {
        this.records = new InputWatermarks<>(maxOutOfOrdernessMs);
        this.maxOutOfOrdernessMs = maxOutOfOrdernessMs;
        this.quietAfterMs = quietAfterMs;
        this.stalledAfterMs = stalledAfterMs;
        this.activity = activity;
        this.clock = clock;
        this.lastActivityNanos = activity.relativeTimeNanos();
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        records.onEvent(event, eventTimestamp, output);
        maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
        lastActivityNanos = activity.relativeTimeNanos();
        if (idle) {
            idle = false;
            output.markActive();
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long quietNanos = activity.relativeTimeNanos() - lastActivityNanos;
        if (quietNanos >= (caughtUp() ? quietAfterMs : stalledAfterMs) * 1_000_000) {
            if (!idle) {
                idle = true;
                output.markIdle();
            }
        } else {
            records.onPeriodicEmit(output);
        }
    }

    private boolean caughtUp() {
        return maxTimestamp != Long.MIN_VALUE
                && maxTimestamp >= clock.getAsLong() - maxOutOfOrdernessMs - quietAfterMs;
    }
}
