package org.hotlinepulse.job;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Watermarks derived from the input alone: largest start_time seen minus max_out_of_orderness,
 * emitted as soon as it has advanced by a step. A watermark that moved with the periodic emission
 * would make what counts as late depend on how fast the input is read; this one gives the same
 * outputs for the same input order on every run, which is what lets a live backlog (one
 * generator per Kafka partition) be processed exactly as {@code replay} processes a file.
 */
final class InputWatermarks<T> implements WatermarkGenerator<T> {
    static final long STEP_MS = 1_000;

    private final long maxOutOfOrdernessMs;
    private long maxTimestamp = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;

    InputWatermarks(long maxOutOfOrdernessMs) {
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

    /**
     * Repeats the last watermark, never a newer one: in live mode an input marked idle becomes
     * active again only by emitting a watermark, and its first records after a quiet spell need
     * not advance it by a step.
     */
    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (emitted != Long.MIN_VALUE) {
            output.emitWatermark(new Watermark(emitted));
        }
    }
}
