package org.hotlinepulse.job;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

import java.util.function.LongSupplier;

/**
 * Watermarks for the live job, one generator per Kafka partition: the largest start_time seen
 * minus max_out_of_orderness, and, once the partition has been quiet for a while, the wall clock
 * minus max_out_of_orderness. Event time is assumed to follow the wall clock in live mode; were
 * the watermark to wait for input, a partition or a whole feed that goes dead would stop every
 * window from closing and silence from ever being noticed. It never declares itself idle: an
 * idle input holds no watermark back and so would never advance event time at all.
 */
final class LiveWatermarks<T> implements WatermarkGenerator<T> {
    private final long maxOutOfOrdernessMs;
    private final long quietAfterMs;
    private final LongSupplier wallClock;
    private long maxTimestamp = Long.MIN_VALUE;
    private long lastEventAt;
    private long emitted = Long.MIN_VALUE;

    LiveWatermarks(long maxOutOfOrdernessMs, long quietAfterMs, LongSupplier wallClock) {
        this.maxOutOfOrdernessMs = maxOutOfOrdernessMs;
        this.quietAfterMs = quietAfterMs;
        this.wallClock = wallClock;
        this.lastEventAt = wallClock.getAsLong();
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
        lastEventAt = wallClock.getAsLong();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = wallClock.getAsLong();
        long watermark = maxTimestamp == Long.MIN_VALUE ? Long.MIN_VALUE
                : maxTimestamp - maxOutOfOrdernessMs - 1;
        if (now - lastEventAt >= quietAfterMs) {
            watermark = Math.max(watermark, now - maxOutOfOrdernessMs - 1);
        }
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
