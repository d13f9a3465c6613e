package org.hotlinepulse.job;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.util.function.SerializableSupplier;
import org.hotlinepulse.cdr.InputRecord;

import java.time.Duration;

/**
 * Event time is the CDR's start_time; the watermark trails the largest start_time seen by
 * max_out_of_orderness, because CDRs are written when calls end (DESIGN §4).
 */
public final class CdrWatermarks {
    private CdrWatermarks() {}

    /** For bounded runs over files: event time moves only with the input. */
    public static WatermarkStrategy<InputRecord> forReplay(Duration maxOutOfOrderness) {
        long delayMs = maxOutOfOrderness.toMillis();
        return WatermarkStrategy.<InputRecord>forGenerator(context -> new ReplayWatermarks<>(delayMs))
                .withTimestampAssigner((record, previous) -> eventTime(record));
    }

    /**
     * For the live job: per partition, and moving with the wall clock once a partition has been
     * quiet for {@code quietAfter} (see {@link LiveWatermarks}).
     */
    public static WatermarkStrategy<InputRecord> forLive(Duration maxOutOfOrderness,
                                                         Duration quietAfter) {
        return forLive(maxOutOfOrderness, quietAfter, System::currentTimeMillis);
    }

    /**
     * As {@link #forLive(Duration, Duration)}, with event time following {@code clock} instead of
     * the wall clock: {@code demo} runs simulated time faster than real time.
     */
    public static WatermarkStrategy<InputRecord> forLive(Duration maxOutOfOrderness, Duration quietAfter,
                                                         SerializableSupplier<Long> clock) {
        long delayMs = maxOutOfOrderness.toMillis();
        long quietMs = quietAfter.toMillis();
        return WatermarkStrategy.<InputRecord>forGenerator(
                        context -> new LiveWatermarks<>(delayMs, quietMs, clock::get))
                .withTimestampAssigner((record, previous) -> eventTime(record));
    }

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
