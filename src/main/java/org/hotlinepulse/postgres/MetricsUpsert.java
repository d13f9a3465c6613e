package org.hotlinepulse.postgres;

import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.metrics.Counts;
import org.hotlinepulse.metrics.Rates;
import org.hotlinepulse.metrics.Ratio;
import org.hotlinepulse.metrics.WindowMetrics;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The idempotent upsert of a batch of metrics rows into {@code line_metrics} or
 * {@code department_metrics}, and how {@link WindowMetrics} fill its parameters: one statement per
 * batch, one array parameter per column ({@code INSERT ... SELECT * FROM unnest(...) ON CONFLICT
 * (key, window_start, window_minutes) DO UPDATE}). Writing a row again, or an older value followed
 * by the newer one, leaves the newest value: at-least-once delivery gives exactly-once results.
 * A batch holds each row once ({@link LatestRows}): PostgreSQL refuses to update a row twice in
 * one statement.
 */
public final class MetricsUpsert {

    public static final String LINE_TABLE = "line_metrics";
    public static final String DEPARTMENT_TABLE = "department_metrics";

    /** The count columns (the §4 counts, then the probe counts of V5), as {@link Counts#COLUMNS}. */
    public static final List<String> COUNT_COLUMNS = Counts.COLUMNS;

    /** The rate columns, in the order {@link #rateValues} returns them; NULL when undefined. */
    public static final List<String> RATE_COLUMNS = List.of("connection_rate", "answer_rate",
            "abandonment_rate", "service_level", "asa_seconds");

    /** A column of a metrics table and the PostgreSQL type its values are sent as. */
    record Column(String name, String type) {}

    private MetricsUpsert() {}

    /** The table that holds rows of this scope. */
    public static String table(Scope scope) {
        return scope == Scope.line ? LINE_TABLE : DEPARTMENT_TABLE;
    }

    /** The upsert of a batch of rows of this scope; {@link #bind} fills its parameters. */
    public static String sql(Scope scope) {
        return insertInto(scope) + " SELECT * FROM unnest("
                + columns(scope).stream().map(c -> "?::" + c.type() + "[]").collect(Collectors.joining(", "))
                + ")" + onConflict(scope);
    }

    /**
     * Fills the parameters of {@link #sql}: element {@code i} of every array is a value of row
     * {@code i}, as {@link #values} gives them.
     *
     * @throws IllegalArgumentException for a row of another scope, or a line row without a
     *     department: the job only writes rows for lines of the directory, so this is a bug
     *     upstream, not bad input
     */
    public static void bind(PreparedStatement statement, Scope scope, List<WindowMetrics> rows) throws SQLException {
        List<Column> columns = columns(scope);
        Object[][] byColumn = new Object[columns.size()][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            WindowMetrics row = rows.get(r);
            if (row.scope != scope) {
                throw new IllegalArgumentException("a " + row.scope + " row in a batch of " + scope + " rows: " + row);
            }
            Object[] values = values(row);
            for (int c = 0; c < values.length; c++) {
                byColumn[c][r] = values[c];
            }
        }
        for (int c = 0; c < columns.size(); c++) {
            statement.setArray(c + 1, statement.getConnection().createArrayOf(columns.get(c).type(), byColumn[c]));
        }
    }

    /** The columns written for rows of this scope, in the order of {@link #values}. */
    static List<Column> columns(Scope scope) {
        List<Column> columns = new ArrayList<>();
        columns.add(new Column(scope == Scope.line ? "line" : "department", "text"));
        if (scope == Scope.line) {
            columns.add(new Column("department", "text"));
        }
        columns.add(new Column("window_start", "timestamptz"));
        columns.add(new Column("window_minutes", "int4"));
        COUNT_COLUMNS.forEach(name -> columns.add(new Column(name, "int8")));
        RATE_COLUMNS.forEach(name -> columns.add(new Column(name, "float8")));
        return columns;
    }

    /** {@code INSERT INTO table (columns)}: the head of the statement, whatever supplies the rows. */
    static String insertInto(Scope scope) {
        return "INSERT INTO " + table(scope) + " ("
                + columns(scope).stream().map(Column::name).collect(Collectors.joining(", ")) + ")";
    }

    /** The {@code ON CONFLICT ... DO UPDATE} that makes the insert an upsert. */
    static String onConflict(Scope scope) {
        String conflictKey = scope == Scope.line
                ? "line, window_start, window_minutes" : "department, window_start, window_minutes";
        // A line's department can change in the directory; the row keeps the latest one written.
        List<String> updated = new ArrayList<>(scope == Scope.line ? List.of("department") : List.of());
        updated.addAll(COUNT_COLUMNS);
        updated.addAll(RATE_COLUMNS);
        return " ON CONFLICT (" + conflictKey + ") DO UPDATE SET "
                + updated.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "))
                + ", updated_at = now()";
    }

    /**
     * The values of one row in the order of {@link #columns}: the key, a line's department, the
     * window start as ISO-8601 text (UTC), the window's minutes, the counts, then the rates (null
     * where undefined).
     */
    static Object[] values(WindowMetrics row) {
        List<Object> values = new ArrayList<>();
        values.add(row.key);
        if (row.scope == Scope.line) {
            if (row.department == null) {
                throw new IllegalArgumentException("line metrics row without a department: " + row);
            }
            values.add(row.department);
        }
        values.add(Instant.ofEpochMilli(row.windowStart).toString());
        values.add(row.windowMinutes);
        for (long count : row.counts.columnValues()) {
            values.add(count);
        }
        values.addAll(rateValues(row.rates()));
        return values.toArray();
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
