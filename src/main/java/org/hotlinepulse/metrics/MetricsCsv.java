package org.hotlinepulse.metrics;

import java.time.Instant;
import java.util.Comparator;

/**
 * The {@code metrics.csv} format of contract §7: the contract's columns first, extras after (the
 * probe counts last, as they were added last: readers that know the older header still work).
 */
public final class MetricsCsv {
    public static final String HEADER = "scope,key,window_start,window_minutes,attempts,connected,"
            + "answered,abandoned,short_abandoned,no_answer,busy,failed,answered_within_sl,"
            + "wait_ms_sum,talk_ms_sum,connection_rate,answer_rate,abandonment_rate,service_level,"
            + "asa_seconds,resolved_known,resolved,satisfaction_count,satisfaction_sum,satisfied,"
            + "department,probe_attempts,probe_connected";

    /** Rows in a stable order: scope, key, window size, window start. */
    public static final Comparator<WindowMetrics> ORDER = MetricsCsv::compare;

    private MetricsCsv() {}

    private static int compare(WindowMetrics a, WindowMetrics b) {
        int order = a.scope.name().compareTo(b.scope.name());
        if (order == 0) {
            order = a.key.compareTo(b.key);
        }
        if (order == 0) {
            order = Integer.compare(a.windowMinutes, b.windowMinutes);
        }
        return order != 0 ? order : Long.compare(a.windowStart, b.windowStart);
    }

    public static String row(WindowMetrics m) {
        Counts c = m.counts;
        Rates r = m.rates();
        StringBuilder row = new StringBuilder(200);
        row.append(m.scope.name()).append(',').append(field(m.key)).append(',')
                .append(Instant.ofEpochMilli(m.windowStart)).append(',').append(m.windowMinutes);
        for (long count : new long[] {c.attempts, c.connected, c.answered, c.abandoned,
                c.shortAbandoned, c.noAnswer, c.busy, c.failed, c.answeredWithinSl, c.waitMsSum,
                c.talkMsSum}) {
            row.append(',').append(count);
        }
        for (Ratio rate : new Ratio[] {r.connectionRate(), r.answerRate(), r.abandonmentRate(),
                r.serviceLevel(), r.asaSeconds()}) {
            row.append(',').append(rate.fourDecimals());
        }
        for (long count : new long[] {c.resolvedKnown, c.resolved, c.satisfactionCount,
                c.satisfactionSum, c.satisfied}) {
            row.append(',').append(count);
        }
        row.append(',').append(m.department == null ? "" : field(m.department));
        row.append(',').append(c.probeAttempts).append(',').append(c.probeConnected);
        return row.toString();
    }

    /** RFC 4180 quoting for the rare key with a comma or quote in it. */
    static String field(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
