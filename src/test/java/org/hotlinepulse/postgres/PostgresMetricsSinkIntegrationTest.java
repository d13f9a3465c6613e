package org.hotlinepulse.postgres;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.metrics.Counts;
import org.hotlinepulse.metrics.WindowMetrics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The metrics sink in a Flink job on a MiniCluster, writing to a real PostgreSQL: upserts leave
 * exactly the last value of every row, in the table of its scope, with NULL for undefined rates.
 */
class PostgresMetricsSinkIntegrationTest {

    @RegisterExtension
    @Order(1)
    static final TemporaryDatabase DB = new TemporaryDatabase("metricssink");

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static final long T10_00 = Instant.parse("2026-10-12T02:00:00Z").toEpochMilli();

    @BeforeEach
    void emptyTables() throws Exception {
        Migrations.migrate(DB.config(), Map.of());
        try (Connection c = DB.connect(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE line_metrics, department_metrics");
        }
    }

    @Test
    void laterValuesReplaceEarlierOnesAndUndefinedRatesAreNull() throws Exception {
        Counts first = counts(c -> {
            c.attempts = 2; c.connected = 2; c.answered = 1; c.abandoned = 1; c.shortAbandoned = 1;
            c.answeredWithinSl = 1; c.waitMsSum = 12_000; c.talkMsSum = 90_000;
        });
        Counts last = counts(c -> {
            c.attempts = 4; c.connected = 3; c.answered = 2; c.abandoned = 1; c.shortAbandoned = 0;
            c.failed = 1; c.answeredWithinSl = 1; c.waitMsSum = 40_000; c.talkMsSum = 200_000;
            c.resolvedKnown = 2; c.resolved = 1; c.satisfactionCount = 2; c.satisfactionSum = 9; c.satisfied = 2;
            c.probeAttempts = 3; c.probeConnected = 1;
        });
        Counts allFailed = counts(c -> { c.attempts = 3; c.failed = 3; });
        List<WindowMetrics> rows = List.of(
                line("037167890001", "zz-social-security", T10_00, 1, first),
                line("037167890001", "zz-social-security", T10_00, 15, allFailed),
                department("zz-social-security", T10_00, 1, first),
                line("037167890001", "zz-social-security", T10_00, 1, last),
                department("zz-social-security", T10_00, 1, last),
                // at-least-once: the same value delivered again changes nothing
                line("037167890001", "zz-social-security", T10_00, 1, last));

        run(rows, MetricsSinkSettings.DEFAULTS);

        try (Connection c = DB.connect()) {
            Map<String, Object> row = only(c, "SELECT * FROM line_metrics WHERE window_minutes = 1");
            assertThat(row).containsEntry("line", "037167890001").containsEntry("department", "zz-social-security")
                    .containsEntry("window_minutes", 1)
                    .containsEntry("attempts", 4L).containsEntry("connected", 3L).containsEntry("answered", 2L)
                    .containsEntry("abandoned", 1L).containsEntry("short_abandoned", 0L).containsEntry("no_answer", 0L)
                    .containsEntry("busy", 0L).containsEntry("failed", 1L).containsEntry("answered_within_sl", 1L)
                    .containsEntry("wait_ms_sum", 40_000L).containsEntry("talk_ms_sum", 200_000L)
                    .containsEntry("resolved_known", 2L).containsEntry("resolved", 1L)
                    .containsEntry("satisfaction_count", 2L).containsEntry("satisfaction_sum", 9L)
                    .containsEntry("satisfied", 2L)
                    .containsEntry("probe_attempts", 3L).containsEntry("probe_connected", 1L);
            assertThat(((java.time.OffsetDateTime) row.get("window_start")).toInstant())
                    .isEqualTo(Instant.ofEpochMilli(T10_00));
            assertThat((Double) row.get("connection_rate")).isCloseTo(0.75, within(1e-12));
            assertThat((Double) row.get("answer_rate")).isCloseTo(0.5, within(1e-12));
            assertThat((Double) row.get("abandonment_rate")).isCloseTo(1 / 3.0, within(1e-12));
            assertThat((Double) row.get("service_level")).isCloseTo(1 / 3.0, within(1e-12));
            assertThat((Double) row.get("asa_seconds")).isCloseTo(20.0, within(1e-12));
            assertThat(row.get("updated_at")).isNotNull();

            Map<String, Object> failed = only(c, "SELECT * FROM line_metrics WHERE window_minutes = 15");
            assertThat(failed).containsEntry("attempts", 3L).containsEntry("failed", 3L)
                    .containsEntry("connection_rate", 0.0).containsEntry("answer_rate", 0.0)
                    .containsEntry("abandonment_rate", null).containsEntry("service_level", null)
                    .containsEntry("asa_seconds", null);

            Map<String, Object> dept = only(c, "SELECT * FROM department_metrics");
            assertThat(dept).containsEntry("department", "zz-social-security").containsEntry("attempts", 4L)
                    .containsEntry("window_minutes", 1).doesNotContainKey("line");
            assertThat((Double) dept.get("asa_seconds")).isCloseTo(20.0, within(1e-12));
        }
    }

    @Test
    void manyRowsWithSeveralUpdatesEachEndAtTheirLastValueAcrossBatchesAndSubtasks() throws Exception {
        // 40 lines in 4 departments, 3 window sizes, each row emitted 3 times with growing counts;
        // a batch of 7 rows puts a row and its update into one batch as well as across batches.
        List<WindowMetrics> rows = new ArrayList<>();
        Map<String, Counts> expected = new LinkedHashMap<>();
        for (int version = 1; version <= 3; version++) {
            for (int l = 0; l < 40; l++) {
                for (int minutes : new int[] {1, 15, 60}) {
                    int v = version;
                    int n = l;
                    Counts c = counts(x -> {
                        x.attempts = 10L * v + n; x.connected = 5L * v; x.answered = 3L * v;
                        x.abandoned = v; x.shortAbandoned = v % 2; x.answeredWithinSl = 2L * v;
                        x.waitMsSum = 1000L * v * n; x.busy = 10L * v + n - 5L * v;
                    });
                    WindowMetrics row = line("0371" + (1000 + l), "d" + (l % 4), T10_00, minutes, c);
                    rows.add(row);
                    expected.put(row.rowKey(), c);
                    if (l < 4) {
                        WindowMetrics d = department("d" + l, T10_00, minutes, c);
                        rows.add(d);
                        expected.put(d.rowKey(), c);
                    }
                }
            }
        }

        run(rows, new MetricsSinkSettings(7, Duration.ZERO, 0));

        try (Connection c = DB.connect()) {
            Map<String, Counts> actual = new LinkedHashMap<>();
            read(c, "SELECT 'line' AS scope, line AS key, * FROM line_metrics", actual);
            read(c, "SELECT 'department' AS scope, department AS key, * FROM department_metrics", actual);
            assertThat(actual).hasSize(40 * 3 + 4 * 3).isEqualTo(expected);
        }
    }

    private static void run(List<WindowMetrics> rows, MetricsSinkSettings settings) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        // Like the job's window operators: every value of one key comes from one subtask, in order.
        DataStream<WindowMetrics> emitted = env.fromData(rows).setParallelism(1)
                .keyBy(row -> row.key)
                .map(row -> row).returns(WindowMetrics.class).name("windows (stand-in)");
        PostgresMetricsSink.attach(emitted, DB.config(), Map.of(), settings);
        env.execute("metrics sink test");
    }

    private static Map<String, Object> only(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as("a row for " + sql).isTrue();
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                String column = rs.getMetaData().getColumnName(i);
                row.put(column, column.equals("window_start") || column.equals("updated_at")
                        ? rs.getObject(i, java.time.OffsetDateTime.class) : rs.getObject(i));
            }
            assertThat(rs.next()).as("only one row for " + sql).isFalse();
            return row;
        }
    }

    private static void read(Connection c, String sql, Map<String, Counts> into) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                Counts counts = new Counts();
                long[] values = new long[MetricsUpsert.COUNT_COLUMNS.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = rs.getLong(MetricsUpsert.COUNT_COLUMNS.get(i));
                }
                setAll(counts, values);
                Scope scope = Scope.valueOf(rs.getString("scope"));
                long start = rs.getObject("window_start", java.time.OffsetDateTime.class).toInstant().toEpochMilli();
                WindowMetrics key = new WindowMetrics(scope, rs.getString("key"), null, start,
                        rs.getInt("window_minutes"), counts);
                double connected = counts.connected;
                assertThat(rs.getDouble("connection_rate")).isCloseTo(connected / counts.attempts, within(1e-12));
                into.put(key.rowKey(), counts);
            }
        }
    }

    private static void setAll(Counts c, long[] v) {
        c.attempts = v[0]; c.connected = v[1]; c.answered = v[2]; c.abandoned = v[3];
        c.shortAbandoned = v[4]; c.noAnswer = v[5]; c.busy = v[6]; c.failed = v[7];
        c.answeredWithinSl = v[8]; c.waitMsSum = v[9]; c.talkMsSum = v[10]; c.resolvedKnown = v[11];
        c.resolved = v[12]; c.satisfactionCount = v[13]; c.satisfactionSum = v[14]; c.satisfied = v[15];
        c.probeAttempts = v[16]; c.probeConnected = v[17];
        assertThat(Arrays.equals(c.columnValues(), v)).isTrue();
    }

    private static Counts counts(java.util.function.Consumer<Counts> fill) {
        Counts c = new Counts();
        fill.accept(c);
        return c;
    }

    private static WindowMetrics line(String number, String department, long start, int minutes, Counts c) {
        return new WindowMetrics(Scope.line, number, department, start, minutes, c.copy());
    }

    private static WindowMetrics department(String id, long start, int minutes, Counts c) {
        return new WindowMetrics(Scope.department, id, null, start, minutes, c.copy());
    }
}
