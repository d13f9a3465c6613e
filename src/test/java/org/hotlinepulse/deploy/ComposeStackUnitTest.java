package org.hotlinepulse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker/compose.yaml: the watcher's parts are wired to the files of the repository (Prometheus to
 * its configuration and the rules, Grafana to the provisioning and the dashboards where the
 * provider looks), every file it mounts from the repository exists, Grafana's secrets come from the
 * environment; and, where the {@code docker} CLI has the compose plugin, {@code docker compose config}
 * accepts the file. That last check is skipped with the reason elsewhere rather than failed
 * ({@code docker compose config} needs no engine, but the plugin is not part of what the suite requires).
 */
class ComposeStackUnitTest {
    static final Path COMPOSE = Path.of("docker/compose.yaml");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void prometheusAndGrafanaMountTheRepositorysFiles() throws Exception {
        JsonNode services = YAML.readTree(COMPOSE.toFile()).path("services");
        assertThat(mounts(services.path("prometheus"))).containsEntry("/etc/prometheus/prometheus.yml", "./prometheus/prometheus.yml")
                .containsEntry("/etc/prometheus/rules/hotline-pulse-rules.yml", "./prometheus/hotline-pulse-rules.yml");
        String dashboards = YAML.readTree(Path.of("docker/grafana/provisioning/dashboards/hotline-pulse.yml").toFile())
                .path("providers").get(0).path("options").path("path").asText();
        assertThat(mounts(services.path("grafana"))).containsEntry("/etc/grafana/provisioning", "./grafana/provisioning")
                .containsEntry(dashboards, "./grafana/dashboards");
        JsonNode rules = YAML.readTree(Path.of("docker/prometheus/prometheus.yml").toFile()).path("rule_files");
        assertThat(rules.get(0).asText()).isEqualTo("/etc/prometheus/rules/hotline-pulse-rules.yml");
    }

    @Test
    void everyFileMountedFromTheRepositoryExists() throws Exception {
        List<String> missing = new ArrayList<>();
        for (JsonNode service : YAML.readTree(COMPOSE.toFile()).path("services")) {
            for (String source : mounts(service).values()) {
                // ../target/... is built by Maven, not committed.
                if (source.startsWith("./") && !Path.of("docker").resolve(source).normalize().toFile().exists()) {
                    missing.add(source);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void grafanaTakesItsPasswordsFromTheEnvironment() throws Exception {
        JsonNode env = YAML.readTree(COMPOSE.toFile()).path("services").path("grafana").path("environment");
        assertThat(env.path("GF_SECURITY_ADMIN_PASSWORD").asText()).startsWith("${GRAFANA_ADMIN_PASSWORD:?");
        assertThat(env.path("HOTLINE_PULSE_GRAFANA_DB_PASSWORD").asText()).startsWith("${HOTLINE_PULSE_GRAFANA_DB_PASSWORD:?");
    }

    @Test
    void dockerComposeAcceptsTheFile() throws Exception {
        Assumptions.assumeTrue(composePluginWorks(), "the docker CLI with the compose plugin is not installed here"
                + " (`docker compose version` fails), so `docker compose config` cannot be run");
        ProcessBuilder builder = new ProcessBuilder("docker", "compose", "-f", COMPOSE.toString(), "config", "--quiet")
                .redirectErrorStream(true);
        builder.environment().put("GRAFANA_ADMIN_PASSWORD", "test-only");
        builder.environment().put("HOTLINE_PULSE_GRAFANA_DB_PASSWORD", "test-only");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static boolean composePluginWorks() {
        try {
            Process process = new ProcessBuilder("docker", "compose", "version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (Exception noDocker) {
            return false;
        }
    }

    /** A service's volumes that are bind mounts: path in the container to path on the host. */
    private static Map<String, String> mounts(JsonNode service) {
        Map<String, String> mounts = new TreeMap<>();
        for (JsonNode volume : service.path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts[0].startsWith(".") || parts[0].startsWith("/")) {
                mounts.put(parts[1], parts[0]);
            }
        }
        return mounts;
    }
}
