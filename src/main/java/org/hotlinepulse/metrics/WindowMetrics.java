package org.hotlinepulse.metrics;

import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.hotlinepulse.avro.Scope;

import java.time.Instant;

/**
 * The current value of one metrics row: one window of one line or department. Later values for
 * the same {@link #rowKey()} replace earlier ones (sinks upsert).
 */
@TypeInfo(WindowMetricsCodec.class)
public class WindowMetrics {
    public Scope scope;
    public String key;
    /** For a line row, the department the line belongs to; for a department row, null. */
    public String department;
    public long windowStart;
    public int windowMinutes;
    public Counts counts;

    public WindowMetrics() {}

    public WindowMetrics(Scope scope, String key, String department, long windowStart,
                         int windowMinutes, Counts counts) {
        this.scope = scope;
        this.key = key;
        this.department = department;
        this.windowStart = windowStart;
        this.windowMinutes = windowMinutes;
        this.counts = counts;
    }

    public Rates rates() {
        return Rates.of(counts);
    }

    /** What sinks upsert on: (scope, key, window_start, window_minutes). */
    public String rowKey() {
        return scope + "|" + key + "|" + windowStart + "|" + windowMinutes;
    }

    @Override
    public String toString() {
        return "WindowMetrics{" + scope + " " + key + " " + Instant.ofEpochMilli(windowStart) + " "
                + windowMinutes + "m " + counts + '}';
    }
}
