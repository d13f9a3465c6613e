package org.hotlinepulse.job;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
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

    /** Records that are not CDRs carry no event time and must not move the watermark. */
    static long eventTime(InputRecord record) {
        return record.cdr == null ? Long.MIN_VALUE : record.cdr.getStartTime().toEpochMilli();
    }
}
