package org.hotlinepulse.metrics;

import java.time.Instant;
import java.util.Comparator;

/**
 * The {@code metrics.csv} format of contract §7: the contract's columns first, extras after (the
 * probe counts last, as they were added last: readers that know the older header still work).
 */
public final class MetricsCsv {
    /** The count columns ({@link Counts#COLUMNS}) that come before the rates: contract §7's, up to talk_ms_sum. */
    private static final int BEFORE_RATES = Counts.COLUMNS.indexOf("talk_ms_sum") + 1;

    public static final String HEADER = String.join(",",
            "scope,key,window_start,window_minutes",
            columns(0, BEFORE_RATES),
            "connection_rate,answer_rate,abandonment_rate,service_level,asa_seconds",
            columns(BEFORE_RATES, Counts.SECTION_4_COLUMNS),
            "department",
            columns(Counts.SECTION_4_COLUMNS, Counts.COLUMNS.size()));

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

    /** One row of metrics.csv, in the order of {@link #HEADER}. */
    public static String row(WindowMetrics m) {
        StringBuilder row = new StringBuilder(200);
        appendRow(m, row);
        return row.toString();
    }

    /** Appends {@link #row} to {@code row}: a writer of many rows reuses one builder. */
    public static void appendRow(WindowMetrics m, StringBuilder row) {
        Counts c = m.counts;
        Rates r = m.rates();
        row.append(m.scope.name()).append(',').append(field(m.key)).append(',')
                .append(Instant.ofEpochMilli(m.windowStart)).append(',').append(m.windowMinutes);
        appendColumns(row, c, 0, BEFORE_RATES);
        for (Ratio rate : new Ratio[] {r.connectionRate(), r.answerRate(), r.abandonmentRate(),
                r.serviceLevel(), r.asaSeconds()}) {
            row.append(',');
            rate.appendFourDecimals(row);
        }
        appendColumns(row, c, BEFORE_RATES, Counts.SECTION_4_COLUMNS);
        row.append(',').append(m.department == null ? "" : field(m.department));
        appendColumns(row, c, Counts.SECTION_4_COLUMNS, Counts.COLUMNS.size());
    }

    private static String columns(int from, int to) {
        return String.join(",", Counts.COLUMNS.subList(from, to));
    }

    private static void appendColumns(StringBuilder row, Counts counts, int from, int to) {
        for (int column = from; column < to; column++) {
            row.append(',').append(counts.column(column));
        }
    }

    /** RFC 4180 quoting for the rare key with a comma or quote in it. */
    static String field(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
