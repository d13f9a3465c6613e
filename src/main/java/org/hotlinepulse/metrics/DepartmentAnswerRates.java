package org.hotlinepulse.metrics;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.monitoring.JobMetric;

import java.util.HashMap;
import java.util.Map;

/**
 * Reports {@link JobMetric#DEPARTMENT_ANSWER_RATE}: for each department, the answer rate (answered /
 * attempts) of its latest window of {@code windowMinutes} that the job has written a row for (a row
 * is written when its window closes, and again when late CDRs change it). At most
 * {@link #MAX_DEPARTMENTS} departments, the first seen: a gauge per department of a large
 * directory would be a dashboard's job, not the monitoring's. NaN when the window had no attempt.
 * Emits nothing; run it with parallelism 1, so the limit holds for the whole job.
 */
public final class DepartmentAnswerRates extends ProcessFunction<WindowMetrics, Void> {
    /** The most departments that get a gauge. */
    public static final int MAX_DEPARTMENTS = 30;

    private final int windowMinutes;
    private transient Map<String, Latest> latest;

    /** @param windowMinutes the window size the gauges follow: the smallest the job computes */
    public DepartmentAnswerRates(int windowMinutes) {
        this.windowMinutes = windowMinutes;
    }

    @Override
    public void open(OpenContext openContext) {
        latest = new HashMap<>();
    }

    @Override
    public void processElement(WindowMetrics row, Context ctx, Collector<Void> out) {
        if (row.scope != Scope.department || row.windowMinutes != windowMinutes) {
            return;
        }
        Latest department = latest.get(row.key);
        if (department == null) {
            if (latest.size() >= MAX_DEPARTMENTS) {
                return;
            }
            Latest added = new Latest();
            latest.put(row.key, added);
            JobMetric.DEPARTMENT_ANSWER_RATE.gauge(getRuntimeContext().getMetricGroup(), row.key, () -> added.rate);
            department = added;
        }
        if (row.windowStart >= department.windowStart) {
            department.windowStart = row.windowStart;
            Double rate = row.rates().answerRate().value();
            department.rate = rate == null ? Double.NaN : rate;
        }
    }

    /** The latest window of one department; read by the metric reporter's thread. */
    private static final class Latest {
        long windowStart = Long.MIN_VALUE;
        volatile double rate = Double.NaN;
    }
}
