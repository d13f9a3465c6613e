package org.hotlinepulse.postgres;

import org.apache.flink.connector.jdbc.datasource.connections.SimpleJdbcConnectionProvider;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.metrics.Counts;
import org.hotlinepulse.metrics.WindowMetrics;
import org.hotlinepulse.testing.TcpProxy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The metrics writer against a real PostgreSQL, driven directly (the Flink job around it is
 * {@link PostgresMetricsSinkIntegrationTest}'s): what a batch writes and when, and how it rides out
 * a lost connection. Each row's {@code attempts} holds its version, so the table shows which value
 * of a row was written last.
 */
class MetricsBatchWriterIntegrationTest {

    @RegisterExtension
    static final TemporaryDatabase DB = new TemporaryDatabase("metricswriter");

    private static final long T10_00 = Instant.parse("2026-10-12T02:00:00Z").toEpochMilli();

    private final TestProcessingTimeService time = new TestProcessingTimeService();

    @BeforeAll
    static void migrate() throws Exception {
        Migrations.migrate(DB.config(), Map.of());
    }

    @BeforeEach
    void emptyTables() throws Exception {
        try (Connection c = DB.connect(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE line_metrics, department_metrics");
        }
    }

    @Test
    void aBatchWithTheSameRowTwiceWritesItsLastValue() throws Exception {
        try (MetricsBatchWriter writer = writer(DB.config(), new MetricsSinkSettings(100, Duration.ZERO, 0))) {
            writer.write(row("0371001", 1, 1), null);
            writer.write(row("0371002", 1, 5), null);
            writer.write(row("0371001", 1, 2), null);
            writer.write(row("0371001", 1, 3), null);
            writer.flush(false);
        }
        assertThat(versions()).containsExactlyInAnyOrderEntriesOf(Map.of("0371001|1", 3L, "0371002|1", 5L));
    }

    @Test
    void rowsWaitForTheBatchToFillOrAFlush() throws Exception {
        try (MetricsBatchWriter writer = writer(DB.config(), new MetricsSinkSettings(3, Duration.ZERO, 0))) {
            writer.write(row("0371001", 1, 1), null);
            writer.write(row("0371001", 1, 2), null);
            writer.write(row("0371002", 1, 1), null);
            assertThat(versions()).as("two distinct rows do not fill a batch of three").isEmpty();

            writer.write(row("0371003", 1, 1), null);
            assertThat(versions()).as("the third distinct row fills it").hasSize(3);

            writer.write(row("0371004", 1, 1), null);
            writer.flush(false);
            assertThat(versions()).as("a checkpoint's flush writes what is left").hasSize(4);
        }
    }

    @Test
    void aBatchIsWrittenWhenItsIntervalHasPassed() throws Exception {
        try (MetricsBatchWriter writer = writer(DB.config(), new MetricsSinkSettings(100, Duration.ofSeconds(1), 0))) {
            time.setCurrentTime(10_000);
            writer.write(row("0371001", 1, 1), null);
            time.setCurrentTime(10_999);
            assertThat(versions()).isEmpty();

            time.setCurrentTime(11_000);
            assertThat(versions()).containsExactly(Map.entry("0371001|1", 1L));

            writer.write(row("0371001", 1, 2), null);
            time.setCurrentTime(12_000);
            assertThat(versions()).as("a new batch starts its own interval").containsExactly(Map.entry("0371001|1", 2L));
        }
    }

    @Test
    void aLaterBatchsValueReplacesAnEarlierOne() throws Exception {
        try (MetricsBatchWriter writer = writer(DB.config(), new MetricsSinkSettings(2, Duration.ZERO, 0))) {
            writer.write(row("0371001", 1, 1), null);
            writer.write(row("0371001", 15, 1), null);
            writer.write(row("0371001", 1, 2), null);
            writer.flush(false);
            writer.write(row("0371001", 15, 7), null);
            writer.flush(true);
        }
        assertThat(versions()).containsExactlyInAnyOrderEntriesOf(Map.of("0371001|1", 2L, "0371001|15", 7L));
    }

    @Test
    void aBatchLargerThanAMultiRowInsertCouldBindIsOneStatement() throws Exception {
        // 65,535 bind parameters / 27 per line row = 2,427 rows per multi-row VALUES at most.
        int rows = 5_000;
        try (MetricsBatchWriter writer = writer(DB.config(), new MetricsSinkSettings(rows, Duration.ZERO, 0))) {
            for (int version = 1; version <= 2; version++) {
                for (int i = 0; i < rows; i++) {
                    writer.write(row(String.valueOf(1_000_000 + i), 1, version), null);
                }
            }
            assertThat(versions()).as("the batch holds 5,000 distinct rows: full").hasSize(rows);
            writer.flush(false);
        }
        assertThat(versions().values()).hasSize(rows).containsOnly(2L);
    }

    @Test
    void departmentRowsGoToTheirOwnTable() throws Exception {
        Counts counts = new Counts();
        counts.attempts = 4;
        try (MetricsBatchWriter writer = new MetricsBatchWriter(Scope.department,
                new MetricsSinkSettings(10, Duration.ZERO, 0), connections(DB.config()), time)) {
            writer.write(new WindowMetrics(Scope.department, "d1", null, T10_00, 60, counts), null);
            writer.flush(false);
        }
        try (Connection c = DB.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT department, window_minutes, attempts FROM department_metrics")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1) + " " + r.getInt(2) + " " + r.getLong(3)).isEqualTo("d1 60 4");
        }
    }

    @Test
    void aBatchIsRetriedOnANewConnectionWhenItsConnectionWasKilled() throws Exception {
        try (MetricsBatchWriter writer = writer(DB.config(), new MetricsSinkSettings(10, Duration.ZERO, 1))) {
            writer.write(row("0371001", 1, 1), null);
            writer.flush(false);
            assertThat(killSinkConnections()).as("the sink's connection, by its application name").isEqualTo(1);

            writer.write(row("0371001", 1, 2), null);
            writer.write(row("0371002", 1, 1), null);
            writer.flush(false);
        }
        assertThat(versions()).containsExactlyInAnyOrderEntriesOf(Map.of("0371001|1", 2L, "0371002|1", 1L));
    }

    @Test
    void aBatchThatFailsEveryRetryFailsTheTaskAndClosingStillSucceeds() throws Exception {
        URI server = URI.create(DB.config().url().substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(server.getHost(), server.getPort())) {
            JdbcConfig throughProxy = new JdbcConfig(DB.config().url()
                    .replace(":" + server.getPort() + "/", ":" + proxy.port() + "/"), DB.config().user());
            MetricsBatchWriter writer = writer(throughProxy, new MetricsSinkSettings(10, Duration.ZERO, 1));
            writer.write(row("0371001", 1, 1), null);
            proxy.cut();

            assertThatThrownBy(() -> writer.flush(false)).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("writing 1 rows to line_metrics failed (attempt 2 of 2): ");
            assertThatCode(writer::close).doesNotThrowAnyException();
        }
        assertThat(versions()).isEmpty();
    }

    @Test
    void aDatabaseThatCannotBeReachedFailsTheWriterAtItsStart() throws Exception {
        URI server = URI.create(DB.config().url().substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(server.getHost(), server.getPort())) {
            proxy.cut();
            JdbcConfig throughProxy = new JdbcConfig(DB.config().url()
                    .replace(":" + server.getPort() + "/", ":" + proxy.port() + "/"), DB.config().user());
            assertThatThrownBy(() -> writer(throughProxy, MetricsSinkSettings.DEFAULTS))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("cannot open the line_metrics sink's connection: ");
        }
    }

    private MetricsBatchWriter writer(JdbcConfig config, MetricsSinkSettings settings) throws IOException {
        return new MetricsBatchWriter(Scope.line, settings, connections(config), time);
    }

    private static SimpleJdbcConnectionProvider connections(JdbcConfig config) {
        return new SimpleJdbcConnectionProvider(PostgresMetricsSink.connectionOptions(config, Map.of()));
    }

    /** A line row of 10:00 whose {@code attempts} is its version. */
    private static WindowMetrics row(String line, int minutes, long version) {
        Counts counts = new Counts();
        counts.attempts = version;
        counts.connected = version;
        return new WindowMetrics(Scope.line, line, "zz-social-security", T10_00, minutes, counts);
    }

    /** {@code line|minutes} → attempts, for every row of {@code line_metrics}. */
    private static Map<String, Long> versions() throws Exception {
        Map<String, Long> versions = new TreeMap<>();
        try (Connection c = DB.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT line, window_minutes, attempts, window_start FROM line_metrics")) {
            while (r.next()) {
                assertThat(r.getObject(4, java.time.OffsetDateTime.class).toInstant())
                        .isEqualTo(Instant.ofEpochMilli(T10_00));
                versions.put(r.getString(1) + "|" + r.getInt(2), r.getLong(3));
            }
        }
        return versions;
    }

    private static int killSinkConnections() throws Exception {
        try (Connection c = DB.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE application_name = 'hotline-pulse metrics sink' AND datname = current_database()")) {
            r.next();
            return r.getInt(1);
        }
    }
}
