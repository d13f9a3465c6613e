package org.hotlinepulse.postgres;

import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.metrics.Counts;
import org.hotlinepulse.metrics.WindowMetrics;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How fast batches of distinct {@code line_metrics} rows are upserted, statement style against
 * statement style, on one connection to the local PostgreSQL (database
 * {@code hotline_bench_sink}, created if missing): one upsert per row sent as a JDBC batch (the
 * JDBC connector's way), one multi-row {@code VALUES} upsert per batch, and the one statement over
 * arrays of {@link MetricsUpsert} ({@code unnest}), and {@code COPY} into a temporary table followed by
 * one upsert from it, in one transaction. Each style first inserts, then updates, the
 * same rows. Prints rows per second and the load average; asserts nothing.
 *
 * <p>{@code mvn -q -B test-compile exec:exec -Dbench.main=org.hotlinepulse.postgres.MetricsUpsertBenchmark
 * [-Dbench.cdrs=ROWS]}; batches of 1,000 rows, as the live job's sink.
 */
public final class MetricsUpsertBenchmark {
    static final int ROWS = Integer.getInteger("bench.cdrs", 100_000);
    static final int BATCH = 1_000;
    static final int ROUNDS = 3;

    interface Style {
        void write(Connection connection, List<WindowMetrics> batch) throws SQLException;
    }

    public static void main(String[] args) throws Exception {
        JdbcConfig jdbc = database();
        Migrations.migrate(jdbc, Map.of());
        Map<String, Style> styles = Map.of(
                "one upsert per row, JDBC batch", MetricsUpsertBenchmark::perRow,
                "multi-row VALUES", MetricsUpsertBenchmark::multiRowValues,
                "unnest over arrays", MetricsUpsertBenchmark::unnest,
                "COPY to a temp table, upsert", MetricsUpsertBenchmark::copyThenUpsert);
        List<String> order = new ArrayList<>(styles.keySet());
        try (Connection c = PostgresConnections.open(jdbc, Map.of())) {
            for (int round = 1; round <= ROUNDS; round++) {
                Collections.rotate(order, 1);
                for (String name : order) {
                    try (Statement s = c.createStatement()) {
                        s.execute("TRUNCATE line_metrics");
                    }
                    double insert = pass(c, styles.get(name), 1);
                    double update = pass(c, styles.get(name), 2);
                    System.out.printf(Locale.ROOT, "round %d, %-32s %,d rows in batches of %,d: insert %,.0f rows/s,"
                                    + " update %,.0f rows/s (load average %.2f)%n", round, name, ROWS, BATCH,
                            insert, update, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                }
            }
        }
    }

    private static double pass(Connection c, Style style, int version) throws SQLException {
        long started = System.nanoTime();
        for (int first = 0; first < ROWS; first += BATCH) {
            List<WindowMetrics> batch = new ArrayList<>();
            for (int i = first; i < Math.min(ROWS, first + BATCH); i++) {
                batch.add(row(i, version));
            }
            style.write(c, batch);
        }
        return ROWS / ((System.nanoTime() - started) / 1e9);
    }

    /** 10,000 lines, then the next minute. */
    private static WindowMetrics row(int i, int version) {
        Counts counts = new Counts();
        counts.attempts = 10L * version;
        counts.connected = 8L * version;
        counts.answered = 5L * version;
        counts.answeredWithinSl = 4L * version;
        counts.waitMsSum = 12_000L * version;
        return new WindowMetrics(Scope.line, String.valueOf(3_716_000_000L + i % 10_000), "d" + i % 50,
                1_790_000_000_000L + 60_000L * (i / 10_000), 1, counts);
    }

    private static void perRow(Connection c, List<WindowMetrics> batch) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(MetricsUpsert.insertInto(Scope.line) + " VALUES "
                + placeholders() + MetricsUpsert.onConflict(Scope.line))) {
            for (WindowMetrics row : batch) {
                set(s, 0, MetricsUpsert.values(row));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void multiRowValues(Connection c, List<WindowMetrics> batch) throws SQLException {
        String sql = MetricsUpsert.insertInto(Scope.line) + " VALUES "
                + String.join(", ", Collections.nCopies(batch.size(), placeholders()))
                + MetricsUpsert.onConflict(Scope.line);
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int offset = 0;
            for (WindowMetrics row : batch) {
                Object[] values = MetricsUpsert.values(row);
                set(s, offset, values);
                offset += values.length;
            }
            s.executeUpdate();
        }
    }

    private static void unnest(Connection c, List<WindowMetrics> batch) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(MetricsUpsert.sql(Scope.line))) {
            MetricsUpsert.bind(s, Scope.line, batch);
            s.executeUpdate();
        }
    }

    private static void copyThenUpsert(Connection c, List<WindowMetrics> batch) throws SQLException {
        List<String> columns = MetricsUpsert.columns(Scope.line).stream().map(MetricsUpsert.Column::name).toList();
        StringBuilder csv = new StringBuilder();
        for (WindowMetrics row : batch) {
            List<String> fields = new ArrayList<>();
            for (Object value : MetricsUpsert.values(row)) {
                // CSV: an unquoted empty field is NULL; text is quoted.
                fields.add(value == null ? "" : value instanceof String text ? '"' + text.replace("\"", "\"\"") + '"'
                        : value.toString());
            }
            csv.append(String.join(",", fields)).append('\n');
        }
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE IF NOT EXISTS line_metrics_batch (LIKE line_metrics INCLUDING DEFAULTS) ON COMMIT DELETE ROWS");
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY line_metrics_batch (" + String.join(", ", columns)
                    + ") FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
            s.executeUpdate(MetricsUpsert.insertInto(Scope.line) + " SELECT " + String.join(", ", columns)
                    + " FROM line_metrics_batch" + MetricsUpsert.onConflict(Scope.line));
            c.commit();
        } catch (IOException e) {
            throw new SQLException(e);
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static String placeholders() {
        List<String> each = new ArrayList<>();
        MetricsUpsert.columns(Scope.line).forEach(column -> each.add("?::" + column.type()));
        return "(" + String.join(", ", each) + ")";
    }

    private static void set(PreparedStatement s, int offset, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                s.setNull(offset + i + 1, Types.DOUBLE);
            } else {
                s.setObject(offset + i + 1, values[i]);
            }
        }
    }

    private static JdbcConfig database() throws Exception {
        JdbcConfig server = new JdbcConfig("jdbc:postgresql://127.0.0.1:5432/postgres",
                System.getenv().getOrDefault("HOTLINE_PULSE_TEST_PG_USER", "postgres"));
        try (Connection c = PostgresConnections.open(server, Map.of()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'hotline_bench_sink'")) {
            if (!r.next()) {
                s.execute("CREATE DATABASE hotline_bench_sink");
            }
        }
        return new JdbcConfig("jdbc:postgresql://127.0.0.1:5432/hotline_bench_sink", server.user());
    }
}
