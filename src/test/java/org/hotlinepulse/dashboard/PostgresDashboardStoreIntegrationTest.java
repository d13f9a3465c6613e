package org.hotlinepulse.dashboard;

import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.metrics.WindowMetrics;
import org.hotlinepulse.postgres.AlertUpsert;
import org.hotlinepulse.postgres.DirectorySeeder;
import org.hotlinepulse.postgres.MetricsUpsert;
import org.hotlinepulse.postgres.Migrations;
import org.hotlinepulse.postgres.PostgresDirectoryLoader;
import org.hotlinepulse.postgres.TemporaryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hotlinepulse.dashboard.DashboardFixtures.CARD_LOSS;
import static org.hotlinepulse.dashboard.DashboardFixtures.MEDICAL_INSURANCE;
import static org.hotlinepulse.dashboard.DashboardFixtures.SOCIAL_SECURITY;
import static org.hotlinepulse.dashboard.DashboardFixtures.ZHONGYUAN;
import static org.hotlinepulse.dashboard.DashboardFixtures.counts;
import static org.hotlinepulse.dashboard.DashboardFixtures.departmentRow;
import static org.hotlinepulse.dashboard.DashboardFixtures.lineRow;

/**
 * The PostgreSQL store over tables written with the job's own upsert statements: it reads back
 * the rows, the alerts and the directory (Chinese names intact), and its version moves exactly
 * when something was written. The page's data over it is served by the dashboard.
 */
class PostgresDashboardStoreIntegrationTest {

    @RegisterExtension
    static final TemporaryDatabase DB = new TemporaryDatabase("dashboard");

    // A fixed "now": rows are placed relative to it, whatever the wall clock.
    private static final Instant NOW = Instant.parse("2026-10-12T03:07:00Z");
    private static final Instant CURRENT = Instant.parse("2026-10-12T02:45:00Z");

    private PostgresDashboardStore store;

    @BeforeEach
    void seed() throws Exception {
        JdbcConfig jdbc = DB.config();
        Migrations.migrate(jdbc, Map.of());
        try (Connection c = DB.connect(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE line_metrics, department_metrics, alerts");
        }
        DirectorySeeder.seed(jdbc, Map.of(), DashboardFixtures.exampleDirectory(), true);
        store = new PostgresDashboardStore(jdbc, Map.of(), () -> PostgresDirectoryLoader.load(jdbc, Map.of()),
                Duration.ofMinutes(1), Duration.ofHours(7), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void readsTheRowsOfOneWindowSizeSinceAnInstantInOrder() throws Exception {
        write(departmentRow(SOCIAL_SECURITY, CURRENT, 15, counts(40, 5, 3, 2)));
        write(departmentRow(MEDICAL_INSURANCE, CURRENT.minus(15, ChronoUnit.MINUTES), 15, counts(1, 2, 3, 4)));
        write(departmentRow(SOCIAL_SECURITY, CURRENT.minus(8, ChronoUnit.HOURS), 15, counts(9, 9, 9, 9)));
        write(departmentRow(SOCIAL_SECURITY, CURRENT, 60, counts(7, 7, 7, 7)));
        write(lineRow(ZHONGYUAN, SOCIAL_SECURITY, CURRENT, 15, counts(20, 2, 1, 1)));

        List<WindowMetrics> departments = store.windows(Scope.department, 15, CURRENT.minus(1, ChronoUnit.HOURS));
        assertThat(departments).extracting(row -> row.key + "@" + Instant.ofEpochMilli(row.windowStart))
                .containsExactly(MEDICAL_INSURANCE + "@2026-10-12T02:30:00Z", SOCIAL_SECURITY + "@2026-10-12T02:45:00Z");
        assertThat(departments.get(1).counts).isEqualTo(counts(40, 5, 3, 2));
        assertThat(departments.get(1).department).isNull();

        List<WindowMetrics> lines = store.windows(Scope.line, 15, CURRENT);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).key).isEqualTo(ZHONGYUAN);
        assertThat(lines.get(0).department).isEqualTo(SOCIAL_SECURITY);
        assertThat(lines.get(0).counts).isEqualTo(counts(20, 2, 1, 1));
    }

    @Test
    void readsOpenAndRecentlyResolvedAlertsWithTheirLabels() throws Exception {
        Alert open = Alert.newBuilder(DashboardFixtures.firing("open", AlertType.UNANSWERED, CARD_LOSS,
                SOCIAL_SECURITY, CURRENT)).setLabels(Map.of("mode", "IVR_DEAD_END")).build();
        Alert recent = DashboardFixtures.resolved(DashboardFixtures.firing("recent", AlertType.CONSTANT_BUSY,
                ZHONGYUAN, SOCIAL_SECURITY, CURRENT.minus(2, ChronoUnit.HOURS)), CURRENT.minus(1, ChronoUnit.HOURS));
        Alert old = DashboardFixtures.resolved(DashboardFixtures.firing("old", AlertType.SILENT, ZHONGYUAN,
                SOCIAL_SECURITY, CURRENT.minus(30, ChronoUnit.HOURS)), CURRENT.minus(29, ChronoUnit.HOURS));
        for (Alert alert : List.of(open, recent, old)) {
            write(alert);
        }

        List<Alert> alerts = store.alerts(CURRENT.minus(12, ChronoUnit.HOURS));
        assertThat(alerts).containsExactly(recent, open);
    }

    @Test
    void versionMovesWhenARowOrAnAlertIsWrittenAndOnlyThen() throws Exception {
        write(departmentRow(SOCIAL_SECURITY, CURRENT, 15, counts(1, 0, 0, 0)));
        long first = store.version();
        assertThat(store.version()).isEqualTo(first);

        write(departmentRow(SOCIAL_SECURITY, CURRENT, 15, counts(2, 0, 0, 0)));
        long afterRow = store.version();
        assertThat(afterRow).isNotEqualTo(first);

        write(DashboardFixtures.firing("a", AlertType.OUT_OF_SERVICE, CARD_LOSS, SOCIAL_SECURITY, CURRENT));
        assertThat(store.version()).isNotEqualTo(afterRow);
    }

    @Test
    void theDashboardServesTheTablesWithChineseNames() throws Exception {
        write(departmentRow(SOCIAL_SECURITY, CURRENT, 15, counts(40, 5, 3, 2)));
        write(DashboardFixtures.firing("ep", AlertType.OUT_OF_SERVICE, CARD_LOSS, SOCIAL_SECURITY, CURRENT));
        try (DashboardServer server = DashboardServer.start(store, DashboardSettings.DEFAULTS,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, Clock.fixed(NOW, ZoneOffset.UTC))) {
            HttpResponse<String> snapshot = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(server.url().resolve("/api/snapshot")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(snapshot.statusCode()).isEqualTo(200);
            assertThat(snapshot.body())
                    .contains("\"currentWindowStart\":\"2026-10-12T02:45:00Z\"")
                    .contains("{\"id\":\"zz-social-security\",\"name\":\"郑州市社会保险中心\",\"current\":{\"offered\":50,")
                    .contains("{\"number\":\"037167890003\",\"name\":\"社保卡挂失\",\"alerts\":[{\"id\":\"ep\",\"type\":\"OUT_OF_SERVICE\"");
        }
    }

    @Test
    void overADatabaseWithoutTheTablesSaysToMigrate() throws Exception {
        String empty = DB.create("hp_test_dashboard_empty");
        try (PostgresDashboardStore unmigrated = new PostgresDashboardStore(DB.configOf(empty), Map.of(),
                DashboardFixtures::exampleDirectory, Duration.ofMinutes(1), Duration.ofHours(7),
                Clock.fixed(NOW, ZoneOffset.UTC))) {
            assertThatThrownBy(unmigrated::version)
                    .isInstanceOf(DashboardStoreException.class)
                    .hasMessageStartingWith("cannot poll for changes (" + DB.configOf(empty).url() + "): ")
                    .hasMessageEndingWith("; run hotline-pulse migrate first");
        } finally {
            DB.drop(empty);
        }
    }

    private static void write(WindowMetrics row) throws Exception {
        try (Connection c = DB.connect(); PreparedStatement s = c.prepareStatement(MetricsUpsert.sql(row.scope))) {
            MetricsUpsert.bind(s, row.scope, List.of(row));
            s.executeUpdate();
        }
    }

    private static void write(Alert alert) throws Exception {
        try (Connection c = DB.connect(); PreparedStatement s = c.prepareStatement(AlertUpsert.SQL)) {
            AlertUpsert.bind(s, alert);
            s.executeUpdate();
        }
    }
}
