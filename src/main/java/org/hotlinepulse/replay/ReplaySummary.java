package org.hotlinepulse.replay;

import org.hotlinepulse.pipeline.PipelineCounters;

import java.util.Map;

/** What a bounded run did with its input: the counts it prints when it ends. */
public record ReplaySummary(long read, long rejected, long duplicate, long late, long unknownLine,
                            long metricsRows, double seconds) {

    static ReplaySummary of(Map<String, Object> accumulators, long metricsRows, double seconds) {
        return new ReplaySummary(
                PipelineCounters.total(accumulators, PipelineCounters.READ),
                PipelineCounters.total(accumulators, PipelineCounters.REJECTED),
                PipelineCounters.total(accumulators, PipelineCounters.DUPLICATE),
                PipelineCounters.total(accumulators, PipelineCounters.LATE_DROPPED),
                PipelineCounters.total(accumulators, PipelineCounters.UNKNOWN_LINE),
                metricsRows, seconds);
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
