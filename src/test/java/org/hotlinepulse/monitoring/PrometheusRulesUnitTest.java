package org.hotlinepulse.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.hotlinepulse.testing.LocalBinary;
import org.hotlinepulse.testing.RequiredService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watcher's rules (docker/prometheus/hotline-pulse-rules.yml): Prometheus's own {@code promtool}
 * accepts them and passes their tests, which fire every rule from synthetic series, and they read
 * only metrics the job exports; the compose stack's Prometheus configuration that loads them is valid.
 */
class PrometheusRulesUnitTest {
    static final Path DIR = Path.of("docker/prometheus");
    static final Path RULES = DIR.resolve("hotline-pulse-rules.yml");

    @Test
    void promtoolAcceptsTheRulesAndPassesTheirTests() throws Exception {
        Path promtool = LocalBinary.firstExecutable("/usr/bin/promtool", "/usr/local/bin/promtool");
        RequiredService.assumeAvailable(promtool != null,
                "no promtool (/usr/bin/promtool); install it with: apt-get install -y prometheus");
        assertThat(run(promtool.toString(), "check", "rules", "hotline-pulse-rules.yml")).contains("SUCCESS: 9 rules found");
        assertThat(run(promtool.toString(), "test", "rules", "hotline-pulse-rules.test.yml")).contains("SUCCESS");
    }

    @Test
    void theComposeStacksPrometheusConfigurationIsValidWithTheRules(@TempDir Path dir) throws Exception {
        Path promtool = LocalBinary.firstExecutable("/usr/bin/promtool", "/usr/local/bin/promtool");
        RequiredService.assumeAvailable(promtool != null,
                "no promtool (/usr/bin/promtool); install it with: apt-get install -y prometheus");
        String config = Files.readString(DIR.resolve("prometheus.yml"));
        assertThat(config).contains("/etc/prometheus/rules/hotline-pulse-rules.yml");
        // The container path of the rules (docker/compose.yaml mounts them there) made this checkout's.
        Path local = Files.writeString(dir.resolve("prometheus.yml"), config.replace(
                "/etc/prometheus/rules/hotline-pulse-rules.yml", RULES.toAbsolutePath().toString()));
        assertThat(run(promtool.toString(), "check", "config", local.toString())).contains("SUCCESS: 9 rules found");
    }

    @Test
    void rulesReadOnlyMetricsTheJobExports() throws Exception {
        List<String> alerts = new ArrayList<>();
        for (JsonNode group : new ObjectMapper(new YAMLFactory()).readTree(RULES.toFile()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String expr = rule.path("expr").asText();
                Set<String> names = PromQlNames.of(expr);
                assertThat(names).as(rule.path("alert").asText() + " reads metrics").isNotEmpty();
                assertThat(PromQlNames.known()).as(rule.path("alert").asText() + ": " + expr).containsAll(names);
                alerts.add(rule.path("alert").asText());
            }
        }
        assertThat(alerts).contains("HotlinePulseJobDown", "HotlinePulseWatermarkLagGrowing",
                "HotlinePulseCheckpointsFailing", "HotlinePulseSourceRejecting",
                "HotlinePulseAlertmanagerUnreachable", "HotlinePulseNoHeartbeat");
    }

    @Test
    void theNameCheckCatchesAMetricThatIsNotExported() {
        assertThat(PromQlNames.of("sum by (job, source) (rate(flink_taskmanager_job_task_operator_hotline_records_read{job=\"x\"}[5m])) > 2 and up == 0"))
                .containsExactly("flink_taskmanager_job_task_operator_hotline_records_read", "up");
        assertThat(PromQlNames.known()).doesNotContain("flink_taskmanager_job_task_operator_hotline_records_read");
    }

    /** Runs promtool in the rules' folder and returns its output; fails with it unless it exits 0. */
    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + output).isZero();
        return output;
    }
}
