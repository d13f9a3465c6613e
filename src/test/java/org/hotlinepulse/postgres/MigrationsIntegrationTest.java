package org.hotlinepulse.postgres;

import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.metrics.Counts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Flyway migrations against a real PostgreSQL: a fresh database, then again. */
class MigrationsIntegrationTest {

    @RegisterExtension
    static final TemporaryDatabase DB = new TemporaryDatabase("migrations");

    @Test
    void applyToAnEmptyDatabaseAndAreIdempotent() throws Exception {
        String fresh = DB.create("hp_test_fresh");
        try {
            JdbcConfig config = DB.configOf(fresh);
            Migrations.Result first = Migrations.migrate(config, Map.of());
            assertThat(first.migrationsApplied()).isEqualTo(5);
            assertThat(first.schemaVersion()).isEqualTo("5");

            Migrations.Result again = Migrations.migrate(config, Map.of());
            assertThat(again).isEqualTo(new Migrations.Result(0, "5"));

            try (Connection c = PostgresConnections.open(config, Map.of())) {
                assertThat(tables(c)).contains("line_metrics", "department_metrics", "line_directory",
                        "departments", "calendar_days", "line_closures", "directory_settings", "alerts",
                        "assessment_runs", "assessment_monthly",
                        "flyway_schema_history");
            }
        } finally {
            DB.drop(fresh);
        }
    }

    @Test
    void metricsTablesHaveEveryCountAndRateWithTheirKeys() throws Exception {
        Migrations.migrate(DB.config(), Map.of());
        List<String> counts = new ArrayList<>();
        for (Field f : Counts.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                counts.add(f.getName().replaceAll("([A-Z])", "_$1").toLowerCase());
            }
        }
        try (Connection c = DB.connect()) {
            Map<String, String> line = columns(c, "line_metrics");
            Map<String, String> department = columns(c, "department_metrics");
            for (String count : counts) {
                assertThat(line).containsEntry(count, "bigint NOT NULL");
                assertThat(department).containsEntry(count, "bigint NOT NULL");
            }
            for (String rate : List.of("connection_rate", "answer_rate", "abandonment_rate",
                    "service_level", "asa_seconds")) {
                assertThat(line).containsEntry(rate, "double precision NULL");
                assertThat(department).containsEntry(rate, "double precision NULL");
            }
            assertThat(line).containsEntry("line", "text NOT NULL").containsEntry("department", "text NOT NULL")
                    .containsEntry("window_start", "timestamp with time zone NOT NULL")
                    .containsEntry("window_minutes", "integer NOT NULL")
                    .containsEntry("updated_at", "timestamp with time zone NOT NULL");
            // V5 added the probe counts to tables that may hold rows: those read as no probe.
            assertThat(probeDefaults(c)).containsExactly("department_metrics.probe_attempts=0",
                    "department_metrics.probe_connected=0", "line_metrics.probe_attempts=0",
                    "line_metrics.probe_connected=0");
            assertThat(line).hasSize(4 + counts.size() + 5 + 1);
            assertThat(department).hasSize(3 + counts.size() + 5 + 1);

            assertThat(primaryKey(c, "line_metrics")).containsExactly("line", "window_start", "window_minutes");
            assertThat(primaryKey(c, "department_metrics")).containsExactly("department", "window_start", "window_minutes");
            assertThat(indexes(c, "line_metrics")).contains("(window_start)", "(department, window_start)");
            assertThat(indexes(c, "department_metrics")).contains("(window_start)");
        }
    }

    @Test
    void anUnreachableServerIsOneLineWithTheUrlWithoutItsPassword() {
        JdbcConfig nowhere = new JdbcConfig("jdbc:postgresql://127.0.0.1:1/hotline?password=s3cret", "hotline");
        assertThatThrownBy(() -> Migrations.migrate(nowhere, Map.of()))
                .isInstanceOf(DatabaseException.class)
                .hasMessageStartingWith("cannot connect to jdbc:postgresql://127.0.0.1:1/hotline?password=*** as hotline: ")
                .hasMessageContaining("refused")
                .hasMessageNotContaining("s3cret")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aDatabaseThatDoesNotExistIsNamedWithTheDriversReason() {
        JdbcConfig missing = DB.configOf("hp_test_no_such_database");
        assertThatThrownBy(() -> Migrations.migrate(missing, Map.of()))
                .hasMessage("cannot connect to " + missing.url() + " as " + missing.user()
                        + ": FATAL: database \"hp_test_no_such_database\" does not exist");
    }

    private static List<String> tables(Connection c) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private static Map<String, String> columns(Connection c, String table) throws Exception {
        Map<String, String> columns = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT column_name, data_type, is_nullable FROM information_schema.columns"
                        + " WHERE table_name = '" + table + "' ORDER BY ordinal_position")) {
            while (rs.next()) {
                columns.put(rs.getString(1), rs.getString(2) + ("YES".equals(rs.getString(3)) ? " NULL" : " NOT NULL"));
            }
        }
        return columns;
    }

    private static List<String> probeDefaults(Connection c) throws Exception {
        List<String> defaults = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT table_name || '.' || column_name || '=' || column_default FROM information_schema.columns"
                        + " WHERE column_name LIKE 'probe\\_%' ORDER BY 1")) {
            while (rs.next()) {
                defaults.add(rs.getString(1));
            }
        }
        return defaults;
    }

    private static List<String> primaryKey(Connection c, String table) throws Exception {
        List<String> key = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
                        + " AND a.attnum = ANY(i.indkey) WHERE i.indrelid = '" + table + "'::regclass"
                        + " AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)")) {
            while (rs.next()) {
                key.add(rs.getString(1));
            }
        }
        return key;
    }

    /** The column lists of the table's indexes, such as "(department, window_start)". */
    private static List<String> indexes(Connection c, String table) throws Exception {
        List<String> indexes = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT indexdef FROM pg_indexes WHERE tablename = '" + table + "'")) {
            while (rs.next()) {
                String def = rs.getString(1);
                indexes.add(def.substring(def.lastIndexOf('(')));
            }
        }
        return Arrays.asList(indexes.toArray(String[]::new));
    }
}
