package org.hotlinepulse.job;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks for bounded runs, derived from the input alone: largest start_time seen minus
 * max_out_of_orderness, emitted as soon as it has advanced by a step. A periodic generator
 * would make what counts as late depend on how fast the machine reads the files; this one
 * gives the same outputs for the same input order on every run.
 */
final class ReplayWatermarks<T> implements WatermarkGenerator<T> {
    static final long STEP_MS = 1_000;

    private final long maxOutOfOrdernessMs;
    private long maxTimestamp = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;

    ReplayWatermarks(long maxOutOfOrdernessMs) {
        this.maxOutOfOrdernessMs = maxOutOfOrdernessMs;
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        if (eventTimestamp <= maxTimestamp) {
            return;
        }
        maxTimestamp = eventTimestamp;
        long watermark = maxTimestamp - maxOutOfOrdernessMs - 1;
        if (emitted == Long.MIN_VALUE || watermark >= emitted + STEP_MS) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        // Only input moves a replay's event time; the end of input emits the final watermark.
    }
}
