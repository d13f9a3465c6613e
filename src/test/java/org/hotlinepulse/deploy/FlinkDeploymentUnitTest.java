package org.hotlinepulse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.hotlinepulse.cli.ClusterEntry;
import org.hotlinepulse.config.JobConfigLoader;
import org.hotlinepulse.config.RuntimeConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * k8s/flinkdeployment.yaml against docker/Dockerfile: the jar and the configuration the deployment
 * names are files the image holds, copied from files the repository has or the build makes; the
 * Flink version, application mode, HA, durable checkpoints and the reporter port agree everywhere.
 */
class FlinkDeploymentUnitTest {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Pattern COPY = Pattern.compile("(?m)^COPY\\s+(?:--\\S+\\s+)*(\\S+)\\s+(\\S+)\\s*$");

    static JsonNode spec;
    /** What the image holds, by path in the image: where in the repository it is copied from. */
    static Map<String, String> copied;

    @BeforeAll
    static void read() throws Exception {
        spec = YAML.readTree(Path.of("k8s/flinkdeployment.yaml").toFile()).path("spec");
        copied = new LinkedHashMap<>();
        Matcher m = COPY.matcher(Files.readString(Path.of("docker/Dockerfile")));
        while (m.find()) {
            copied.put(m.group(2), m.group(1));
        }
    }

    @Test
    void theJobJarIsTheClusterJarTheImageHolds() {
        String jar = spec.path("job").path("jarURI").asText();
        assertThat(jar).startsWith("local://");
        String inImage = jar.substring("local://".length());
        assertThat(copied).as("the Dockerfile copies the jar the deployment names").containsKey(inImage);
        assertThat(inImage).startsWith("/opt/flink/usrlib/");
        assertThat(copied.get(inImage)).isEqualTo("target/hotline-pulse-job.jar");
        assertThat(spec.path("job").path("entryClass").asText()).as("the cluster entry point, which submits and returns")
                .isEqualTo(ClusterEntry.class.getName());
    }

    @Test
    void theJobRunsWithAConfigurationTheImageHoldsAndThatLoads() throws Exception {
        List<String> args = YAML.convertValue(spec.path("job").path("args"), YAML.getTypeFactory()
                .constructCollectionType(List.class, String.class));
        assertThat(args).startsWith("--config");
        String config = args.get(args.indexOf("--config") + 1);
        assertThat(copied).as("the Dockerfile copies the configuration").containsKey(config);
        Path source = Path.of(copied.get(config));
        assertThat(source).exists();
        JobConfigLoader.load(source);
    }

    @Test
    void theImageIsTheFlinkOfThePom() throws Exception {
        String dockerfile = Files.readString(Path.of("docker/Dockerfile"));
        String flink = Pattern.compile("<flink.version>([^<]+)</flink.version>")
                .matcher(Files.readString(Path.of("pom.xml"))).results().findFirst().orElseThrow().group(1);
        assertThat(dockerfile).containsPattern("(?m)^FROM flink:" + Pattern.quote(flink) + "-java17$");
        String[] version = flink.split("\\.");
        assertThat(spec.path("flinkVersion").asText()).isEqualTo("v" + version[0] + "_" + version[1]);
    }

    @Test
    void stateSurvivesPodsAndUpgrades() throws Exception {
        JsonNode flink = spec.path("flinkConfiguration");
        assertThat(flink.path("high-availability.type").asText()).isEqualTo("kubernetes");
        assertThat(flink.path("high-availability.storageDir").asText()).startsWith("s3://");
        assertThat(flink.path("execution.checkpointing.dir").asText()).startsWith("s3://");
        assertThat(flink.path("execution.checkpointing.savepoint-dir").asText()).startsWith("s3://");
        assertThat(spec.path("job").path("upgradeMode").asText()).isIn("last-state", "savepoint");
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode var : container().path("env")) {
            env.put(var.path("name").asText(), var.path("value").asText(null));
        }
        assertThat(env).as("run requires a checkpoint directory: the cluster's")
                .containsEntry(JobConfigLoader.CHECKPOINT_DIR_VARIABLE, flink.path("execution.checkpointing.dir").asText());
        RuntimeConfig run = JobConfigLoader.load(Path.of("jobs/hotline-metrics.yaml"),
                Map.of(JobConfigLoader.CHECKPOINT_DIR_VARIABLE, env.get(JobConfigLoader.CHECKPOINT_DIR_VARIABLE))).runtime();
        assertThat(flink.path("execution.checkpointing.savepoint-dir").asText())
                .as("the operator's savepoints go where run looks for them when it resumes").isEqualTo(run.savepoints());
        assertThat(env).as("secrets come from a Secret, never a value")
                .containsEntry("HOTLINE_PULSE_JDBC_PASSWORD", null).containsEntry("HOTLINE_PULSE_HMAC_KEY", null);
    }

    @Test
    void theReporterPortIsTheOneThePodsExposeAndPrometheusScrapes() throws Exception {
        JsonNode flink = spec.path("flinkConfiguration");
        assertThat(flink.path("metrics.reporter.prom.factory.class").asText())
                .isEqualTo("org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        String port = flink.path("metrics.reporter.prom.port").asText();
        assertThat(container().path("ports").findValuesAsText("containerPort")).contains(port);
        assertThat(spec.path("podTemplate").path("metadata").path("annotations").path("prometheus.io/port").asText())
                .isEqualTo(port);
        JsonNode scrape = YAML.readTree(Path.of("docker/prometheus/prometheus.yml").toFile()).path("scrape_configs").get(0);
        assertThat(scrape.path("job_name").asText()).as("the job name the rules select").isEqualTo("hotline-pulse");
        JsonNode targets = scrape.path("static_configs").get(0).path("targets");
        assertThat(targets).isNotEmpty();
        targets.forEach(target -> assertThat(target.asText()).as("compose scrapes the same port").endsWith(":" + port));
    }

    private static JsonNode container() {
        for (JsonNode c : spec.path("podTemplate").path("spec").path("containers")) {
            if (c.path("name").asText().equals("flink-main-container")) {
                return c;
            }
        }
        throw new AssertionError("no flink-main-container in the pod template");
    }
}
