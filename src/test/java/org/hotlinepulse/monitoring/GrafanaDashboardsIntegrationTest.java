package org.hotlinepulse.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.hotlinepulse.postgres.Migrations;
import org.hotlinepulse.postgres.TemporaryDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboards of docker/grafana/dashboards and their provisioning: every panel's data
 * source is a provisioned one; every Prometheus query reads only metrics the job exports
 * ({@link PromQlNames}); every SQL query (panels and template variables) runs, with Grafana's macros
 * and variables substituted, against a PostgreSQL database migrated with the project's Flyway
 * migrations, so a table or column the job does not write fails here.
 */
class GrafanaDashboardsIntegrationTest {
    @RegisterExtension
    static final TemporaryDatabase DATABASE = new TemporaryDatabase("grafana");

    static final Path GRAFANA = Path.of("docker/grafana");
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Map<String, String> dataSourceTypes;

    @BeforeAll
    static void migrateAndReadDataSources() throws Exception {
        Migrations.migrate(DATABASE.config(), Map.of());
        dataSourceTypes = new TreeMap<>();
        for (JsonNode ds : YAML.readTree(GRAFANA.resolve("provisioning/datasources/hotline-pulse.yml").toFile())
                .path("datasources")) {
            dataSourceTypes.put(ds.path("uid").asText(), ds.path("type").asText());
        }
    }

    @Test
    void theDataSourcesArePrometheusAndTheJobsDatabaseWithoutASecret() throws IOException {
        assertThat(dataSourceTypes).containsEntry("prometheus", "prometheus")
                .containsEntry("hotline-postgres", "grafana-postgresql-datasource");
        String text = Files.readString(GRAFANA.resolve("provisioning/datasources/hotline-pulse.yml"));
        assertThat(YAML.readTree(text).path("datasources").findValues("password"))
                .as("passwords come from the environment").allMatch(p -> p.asText().startsWith("$"));
    }

    @Test
    void everyPanelQueriesAProvisionedSourceAndOnlyWhatExists() throws Exception {
        List<Path> files = dashboards();
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                "department-overview.json", "line-status.json", "alert-history.json", "job-health.json");
        Set<String> uids = new HashSet<>();
        int promQueries = 0;
        int sqlQueries = 0;
        try (Connection db = DATABASE.connect()) {
            for (Path file : files) {
                JsonNode dashboard = JSON.readTree(file.toFile());
                assertThat(uids.add(dashboard.path("uid").asText())).as(file + ": a uid of its own").isTrue();
                assertThat(dashboard.path("panels")).as(file + " has panels").isNotEmpty();
                for (JsonNode variable : dashboard.path("templating").path("list")) {
                    runSql(db, file + " variable " + variable.path("name").asText(), variable.path("query").asText());
                    sqlQueries++;
                }
                for (JsonNode panel : dashboard.path("panels")) {
                    String where = file.getFileName() + " \"" + panel.path("title").asText() + "\"";
                    assertThat(panel.path("targets")).as(where + " has queries").isNotEmpty();
                    for (JsonNode target : panel.path("targets")) {
                        String type = dataSourceTypes.get(target.path("datasource").path("uid").asText());
                        assertThat(type).as(where + ": a provisioned data source").isNotNull();
                        if (type.equals("prometheus")) {
                            Set<String> names = PromQlNames.of(target.path("expr").asText());
                            assertThat(names).as(where + " reads a metric").isNotEmpty();
                            assertThat(PromQlNames.known()).as(where + ": " + target.path("expr").asText())
                                    .containsAll(names);
                            promQueries++;
                        } else {
                            runSql(db, where, target.path("rawSql").asText());
                            sqlQueries++;
                        }
                    }
                }
            }
        }
        assertThat(promQueries).as("Prometheus queries checked").isGreaterThanOrEqualTo(10);
        assertThat(sqlQueries).as("SQL queries run").isGreaterThanOrEqualTo(10);
    }

    @Test
    void aQueryOfAColumnThatDoesNotExistFails() throws Exception {
        try (Connection db = DATABASE.connect()) {
            org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> runSql(db, "broken",
                    "SELECT window_start AS \"time\", answer_ratio FROM department_metrics WHERE $__timeFilter(window_start)"));
        }
    }

    /** Runs the query, macros and variables substituted, on the empty migrated database. */
    private static void runSql(Connection db, String where, String grafanaSql) {
        assertThat(grafanaSql).as(where + " has SQL").isNotBlank();
        String sql = GrafanaMacros.substitute(grafanaSql);
        assertThat(sql).as(where + ": every macro and variable substituted").doesNotContain("$");
        try (PreparedStatement statement = db.prepareStatement(sql); ResultSet ignored = statement.executeQuery()) {
            // It ran: every table, column and function it names exists.
        } catch (SQLException e) {
            throw new AssertionError(where + ": " + e.getMessage() + "\n" + sql, e);
        }
    }

    private static List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(GRAFANA.resolve("dashboards"))) {
            return new ArrayList<>(files.filter(p -> p.toString().endsWith(".json")).sorted().toList());
        }
    }
}
