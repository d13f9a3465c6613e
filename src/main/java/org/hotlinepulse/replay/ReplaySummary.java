package org.hotlinepulse.replay;

import org.hotlinepulse.pipeline.PipelineCounters;

import java.util.Map;

/**
 * What a bounded run did with its input: the counts it prints when it ends.
 *
 * @param metricsRows rows in {@code metrics.csv}, or that it would have held when the rows were discarded
 * @param seconds from submitting the job to its end: Flink's start-up, and the wait of a checkpointed job's tasks
 *     for a last checkpoint, included
 * @param processingSeconds from the first record the job took to its last metrics row out (written into
 *     metrics.csv, or reaching the discarding sink)
 */
public record ReplaySummary(long read, long rejected, long duplicate, long late, long unknownLine,
                            long metricsRows, double seconds, double processingSeconds) {

    static ReplaySummary of(Map<String, Object> accumulators, long metricsRows, double seconds, long lastRowAtMillis) {
        long firstRecordAt = PipelineCounters.firstRecordAt(accumulators);
        return new ReplaySummary(
                PipelineCounters.total(accumulators, PipelineCounters.READ),
                PipelineCounters.total(accumulators, PipelineCounters.REJECTED),
                PipelineCounters.total(accumulators, PipelineCounters.DUPLICATE),
                PipelineCounters.total(accumulators, PipelineCounters.LATE_DROPPED),
                PipelineCounters.total(accumulators, PipelineCounters.UNKNOWN_LINE),
                metricsRows, seconds,
                firstRecordAt < 0 || lastRowAtMillis < 0 ? 0 : (lastRowAtMillis - firstRecordAt) / 1e3);
    }

    /** Records read per second of processing, from the first record on (0 when none was read). */
    public double processingRate() {
        return processingSeconds > 0 ? read / processingSeconds : 0.0;
    }

    /** One line, e.g. {@code read 5000 records: 12 rejected, 40 duplicate, 3 late, 7 for unknown lines; 4211 metrics rows in 6.2 s}. */
    public String line() {
        return String.format(java.util.Locale.ROOT,
                "read %d records: %d rejected, %d duplicate, %d late, %d for unknown lines; "
                        + "%d metrics rows in %.1f s (%.0f records/s)",
                read, rejected, duplicate, late, unknownLine, metricsRows, seconds,
                seconds > 0 ? read / seconds : 0.0);
    }
}
