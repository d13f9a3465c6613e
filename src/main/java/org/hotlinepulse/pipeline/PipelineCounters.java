package org.hotlinepulse.pipeline;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.hotlinepulse.monitoring.JobMetric;
import org.hotlinepulse.monitoring.SourceCounters;

import java.util.Map;

/**
 * The job's own counts of what happened to its input: Flink metrics for live monitoring, and
 * accumulators so that a bounded run can print its summary from the job result.
 */
public final class PipelineCounters {
    public static final String READ = "records_read";
    public static final String REJECTED = "rejected";
    public static final String DUPLICATE = "duplicate";
    public static final String LATE_DROPPED = "late_dropped";
    public static final String UNKNOWN_LINE = "unknown_line";
    /** CDRs that arrived after the watermark had passed their start_time: counted, but no rule sees them. */
    public static final String LATE_FOR_RULES = "late_for_rules";
    /** CDRs to numbers missing from the directory that the rules did not watch: too many such numbers at once. */
    public static final String UNKNOWN_NUMBERS_UNWATCHED = "unknown_numbers_unwatched";
    /**
     * The wall-clock time, in epoch milliseconds, at which the job took its first record (the minimum over
     * subtasks, accumulated by {@link RejectedRecordRouter}): where a bounded run's processing starts, after
     * Flink's start-up.
     */
    public static final String FIRST_RECORD_AT = "first_record_at_ms";

    public final Count read;
    public final Count rejected;
    public final Count duplicate;
    public final Count lateDropped;
    public final Count unknownLine;
    public final Count lateForRules;
    public final Count unknownNumbersUnwatched;
    /** The same counts split by the CDR's {@code source}, for monitoring (metrics only, no accumulators). */
    public final SourceCounters readBySource;
    public final SourceCounters rejectedBySource;
    public final SourceCounters duplicateBySource;
    public final SourceCounters lateDroppedBySource;

    public PipelineCounters(RuntimeContext context) {
        read = new Count(context, READ);
        rejected = new Count(context, REJECTED);
        duplicate = new Count(context, DUPLICATE);
        lateDropped = new Count(context, LATE_DROPPED);
        unknownLine = new Count(context, UNKNOWN_LINE);
        lateForRules = new Count(context, LATE_FOR_RULES);
        unknownNumbersUnwatched = new Count(context, UNKNOWN_NUMBERS_UNWATCHED);
        readBySource = new SourceCounters(context.getMetricGroup(), JobMetric.RECORDS_READ);
        rejectedBySource = new SourceCounters(context.getMetricGroup(), JobMetric.RECORDS_REJECTED);
        duplicateBySource = new SourceCounters(context.getMetricGroup(), JobMetric.RECORDS_DUPLICATE);
        lateDroppedBySource = new SourceCounters(context.getMetricGroup(), JobMetric.RECORDS_LATE_DROPPED);
    }

    /** Reads one count back from a finished job's accumulators (0 when it never happened). */
    public static long total(Map<String, Object> accumulators, String name) {
        Object value = accumulators.get(name);
        return value == null ? 0 : (Long) value;
    }

    /** When the job took its first record ({@link #FIRST_RECORD_AT}), or -1 when it took none. */
    public static long firstRecordAt(Map<String, Object> accumulators) {
        Object value = accumulators.get(FIRST_RECORD_AT);
        return value == null || (Long) value == Long.MAX_VALUE ? -1 : (Long) value;
    }

    /** One count, kept as a metric and as an accumulator. */
    public static final class Count {
        private final Counter metric;
        private final LongCounter accumulator;

        Count(RuntimeContext context, String name) {
            metric = context.getMetricGroup().counter(name, new SimpleCounter());
            accumulator = context.getLongCounter(name);
        }

        public void add(long n) {
            metric.inc(n);
            accumulator.add(n);
        }
    }
}
