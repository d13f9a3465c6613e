package org.hotlinepulse.postgres;

import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.metrics.Counts;
import org.hotlinepulse.metrics.Rates;
import org.hotlinepulse.metrics.Ratio;
import org.hotlinepulse.metrics.WindowMetrics;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The idempotent upsert of one metrics row into {@code line_metrics} or {@code department_metrics}
 * ({@code INSERT ... ON CONFLICT (key, window_start, window_minutes) DO UPDATE}), and how a
 * {@link WindowMetrics} fills its parameters. Writing a row again, or an older value followed
 * by the newer one, leaves the newest value: at-least-once delivery gives exactly-once results.
 */
public final class MetricsUpsert {

    public static final String LINE_TABLE = "line_metrics";
    public static final String DEPARTMENT_TABLE = "department_metrics";

    /** The count columns (the §4 counts, then the probe counts of V5), as {@link Counts#COLUMNS}. */
    public static final List<String> COUNT_COLUMNS = Counts.COLUMNS;

    /** The rate columns, in the order {@link #rateValues} returns them; NULL when undefined. */
    public static final List<String> RATE_COLUMNS = List.of("connection_rate", "answer_rate",
            "abandonment_rate", "service_level", "asa_seconds");

    private MetricsUpsert() {}

    /** The table that holds rows of this scope. */
    public static String table(Scope scope) {
        return scope == Scope.line ? LINE_TABLE : DEPARTMENT_TABLE;
    }

    /** The upsert statement for rows of this scope; {@link #bind} fills its parameters. */
    public static String sql(Scope scope) {
        List<String> keyColumns = scope == Scope.line
                ? List.of("line", "department", "window_start", "window_minutes")
                : List.of("department", "window_start", "window_minutes");
        String conflictKey = scope == Scope.line
                ? "line, window_start, window_minutes" : "department, window_start, window_minutes";
        List<String> columns = new ArrayList<>(keyColumns);
        columns.addAll(COUNT_COLUMNS);
        columns.addAll(RATE_COLUMNS);
        // A line's department can change in the directory; the row keeps the latest one written.
        List<String> updated = new ArrayList<>(scope == Scope.line ? List.of("department") : List.of());
        updated.addAll(COUNT_COLUMNS);
        updated.addAll(RATE_COLUMNS);
        return "INSERT INTO " + table(scope) + " (" + String.join(", ", columns) + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")"
                + " ON CONFLICT (" + conflictKey + ") DO UPDATE SET "
                + updated.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "))
                + ", updated_at = now()";
    }

    /**
     * Fills the parameters of {@link #sql} for the row's scope.
     *
     * @throws IllegalArgumentException when a line row has no department: the job only writes
     *     rows for lines of the directory, so this is a bug upstream, not bad input
     */
    public static void bind(PreparedStatement statement, WindowMetrics row) throws SQLException {
        int i = 1;
        statement.setString(i++, row.key);
        if (row.scope == Scope.line) {
            if (row.department == null) {
                throw new IllegalArgumentException("line metrics row without a department: " + row);
            }
            statement.setString(i++, row.department);
        }
        statement.setObject(i++, OffsetDateTime.ofInstant(Instant.ofEpochMilli(row.windowStart), ZoneOffset.UTC));
        statement.setInt(i++, row.windowMinutes);
        for (long value : row.counts.columnValues()) {
            statement.setLong(i++, value);
        }
        for (Double value : rateValues(row.rates())) {
            if (value == null) {
                statement.setNull(i++, Types.DOUBLE);
            } else {
                statement.setDouble(i++, value);
            }
        }
    }

    /** The rates in the order of {@link #RATE_COLUMNS}; null where undefined. */
    public static List<Double> rateValues(Rates r) {
        List<Double> values = new ArrayList<>();
        for (Ratio ratio : List.of(r.connectionRate(), r.answerRate(), r.abandonmentRate(),
                r.serviceLevel(), r.asaSeconds())) {
            values.add(ratio.value());
        }
        return values;
    }
}
