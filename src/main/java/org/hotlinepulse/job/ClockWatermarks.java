package org.hotlinepulse.job;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

import java.util.function.LongSupplier;

/**
 * The watermark of the live job's clock input: the clock minus max_out_of_orderness, emitted
 * periodically whatever arrives. Event time is assumed to follow the wall clock in live mode; the
 * clock input is what lets windows close and silence be noticed once every CDR partition is idle.
 */
final class ClockWatermarks<T> implements WatermarkGenerator<T> {
    private final long maxOutOfOrdernessMs;
    private final LongSupplier clock;
    private long emitted = Long.MIN_VALUE;

    ClockWatermarks(long maxOutOfOrdernessMs, LongSupplier clock) {
        this.maxOutOfOrdernessMs = maxOutOfOrdernessMs;
        this.clock = clock;
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long watermark = clock.getAsLong() - maxOutOfOrdernessMs - 1;
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
