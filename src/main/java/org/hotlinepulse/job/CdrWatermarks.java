package org.hotlinepulse.job;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.hotlinepulse.cdr.InputRecord;

/**
 * Event time is the CDR's start_time (see {@link EventTime} for how the watermark follows it);
 * inputs that carry no event time must not hold it back.
 */
public final class CdrWatermarks {
    private CdrWatermarks() {}

    /**
     * For side inputs that carry no event time (directory versions): their watermark is the end
     * of time, so that the operator they join follows the CDRs' watermark alone.
     */
    public static <T> WatermarkStrategy<T> neverHoldingBack() {
        return WatermarkStrategy.forGenerator(context -> new WatermarkGenerator<T>() {
            @Override
            public void onEvent(T event, long timestamp, WatermarkOutput output) {}

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.emitWatermark(new Watermark(Long.MAX_VALUE));
            }
        });
    }

    /** Records that are not CDRs carry no event time and must not move the watermark. */
    static long eventTime(InputRecord record) {
        return record.cdr == null ? Long.MIN_VALUE : record.cdr.getStartTime().toEpochMilli();
    }
}
