package org.hotlinepulse.monitoring;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;

import java.util.Arrays;
import java.util.List;

/**
 * Every metric the job registers for its own monitoring, the one list that the Prometheus rules,
 * the Grafana dashboards and docs/operations.md are checked against. Flink's Prometheus reporter
 * names a metric {@code flink_<logical scope>_<group keys>_<name>}: an operator's metrics sit under
 * {@code flink_taskmanager_job_task_operator}, every metric here is in the group {@code hotline},
 * and a labelled one in a key group ({@code addGroup(label, value)}) whose key joins the name and
 * whose value becomes the label. Flink counters are exported as Prometheus gauges (a restarted
 * task starts again from 0, which {@code rate()} and {@code increase()} take as a counter reset).
 */
public enum JobMetric {
    RECORDS_READ("source", "records_read_total"),
    RECORDS_REJECTED("source", "records_rejected_total"),
    RECORDS_LATE_DROPPED("source", "records_late_dropped_total"),
    RECORDS_DUPLICATE("source", "records_duplicate_total"),
    ALERTS_FIRED("type", "alerts_fired_total"),
    WATERMARK_LAG(null, "watermark_lag_seconds"),
    DIRECTORY_VERSION(null, "directory_version"),
    DIRECTORY_AGE(null, "directory_age_seconds"),
    ALERTMANAGER_DELIVERY_FAILURES(null, "alertmanager_delivery_failures_total"),
    ALERTMANAGER_LAST_DELIVERY(null, "alertmanager_last_delivery_timestamp_seconds"),
    DEPARTMENT_ANSWER_RATE("department", "answer_rate");

    /** The group all of them are in. */
    public static final String GROUP = "hotline";
    /** What every name starts with in Prometheus: the reporter's prefix, the operator scope and {@link #GROUP}. */
    public static final String PROMETHEUS_PREFIX = "flink_taskmanager_job_task_operator_" + GROUP + "_";

    private final String label;
    private final String name;

    JobMetric(String label, String name) {
        this.label = label;
        this.name = name;
    }

    /** The name as Prometheus shows it, e.g. {@code flink_taskmanager_job_task_operator_hotline_source_records_read_total}. */
    public String prometheusName() {
        return PROMETHEUS_PREFIX + (label == null ? "" : label + "_") + name;
    }

    /** The Prometheus names of all of them. */
    public static List<String> prometheusNames() {
        return Arrays.stream(values()).map(JobMetric::prometheusName).toList();
    }

    /** Registers this unlabelled counter on an operator's metric group. */
    public Counter counter(MetricGroup operator) {
        return group(operator, null).counter(name, new SimpleCounter());
    }

    /** Registers this counter for one value of its label. */
    public Counter counter(MetricGroup operator, String labelValue) {
        return group(operator, labelValue).counter(name, new SimpleCounter());
    }

    /** Registers this unlabelled gauge. */
    public <T> void gauge(MetricGroup operator, Gauge<T> gauge) {
        group(operator, null).gauge(name, gauge);
    }

    /** Registers this gauge for one value of its label. */
    public <T> void gauge(MetricGroup operator, String labelValue, Gauge<T> gauge) {
        group(operator, labelValue).gauge(name, gauge);
    }

    private MetricGroup group(MetricGroup operator, String labelValue) {
        if ((label == null) != (labelValue == null)) {
            throw new IllegalArgumentException(this + (label == null ? " has no label" : " needs a value of " + label));
        }
        MetricGroup hotline = operator.addGroup(GROUP);
        return label == null ? hotline : hotline.addGroup(label, labelValue);
    }
}
