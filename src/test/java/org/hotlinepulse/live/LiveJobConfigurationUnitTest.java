package org.hotlinepulse.live;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.config.MonitoringConfig;
import org.hotlinepulse.config.RuntimeConfig;
import org.hotlinepulse.directory.Directory;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LiveJobConfigurationUnitTest {

    @Test
    void restartsBackOffWithoutEverGivingUpCheckpointsOutliveTheJobAndMaxParallelismIsFixed() throws Exception {
        JobConfig config = new JobConfig(JobConfig.DEFAULTS.metrics(), JobConfig.DEFAULTS.kafka(),
                JobConfig.DEFAULTS.jdbc(), JobConfig.DEFAULTS.directory(),
                new RuntimeConfig(Duration.ofSeconds(5), "file:///srv/hp/checkpoints", null,
                        Duration.ofSeconds(2), Duration.ofMinutes(3), Duration.ofMinutes(20),
                        Duration.ofMinutes(1), 1),
                JobConfig.DEFAULTS.alerts(), JobConfig.DEFAULTS.alertmanager());
        Configuration flink = new LiveJob(config, Directory.load(Path.of("src/test/resources/job/directory.yaml")), Map.of()).flinkConfiguration();

        assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("exponential-delay");
        assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF))
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF))
                .isEqualTo(Duration.ofMinutes(3));
        assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD))
                .isEqualTo(Duration.ofMinutes(20));
        assertThat(flink.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS))
                .isEqualTo(Integer.MAX_VALUE);
        assertThat(flink.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(flink.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("file:///srv/hp/checkpoints");
        assertThat(flink.get(CheckpointingOptions.SAVEPOINT_DIRECTORY))
                .isEqualTo("file:///srv/hp/checkpoints/savepoints");
        assertThat(flink.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
        assertThat(flink.get(PipelineOptions.MAX_PARALLELISM)).as("Flink's default up to parallelism 85, "
                + "so earlier checkpoints stay restorable").isEqualTo(128);
    }

    @Test
    void stateOfOperatorsThisBuildNoLongerHasIsDroppedOnlyWhenAllowed() throws Exception {
        LiveJob job = new LiveJob(JobConfig.DEFAULTS, Directory.load(Path.of("src/test/resources/job/directory.yaml")),
                Map.of());

        Configuration strict = job.restoring("file:///savepoints/savepoint-1", false);
        assertThat(strict.get(StateRecoveryOptions.SAVEPOINT_PATH)).isEqualTo("file:///savepoints/savepoint-1");
        assertThat(strict.get(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE)).isFalse();
        assertThat(job.restoring("file:///savepoints/savepoint-1", true)
                .get(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE)).isTrue();
        assertThat(job.restoring(null, true).contains(StateRecoveryOptions.SAVEPOINT_PATH)).isFalse();
    }

    @Test
    void withoutACheckpointDirectoryCheckpointsGoToATemporaryOneNotTheJobManagersMemory() throws Exception {
        Configuration flink = new LiveJob(JobConfig.DEFAULTS, Directory.load(Path.of("src/test/resources/job/directory.yaml")),
                Map.of()).flinkConfiguration();

        String dir = flink.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY);
        assertThat(dir).startsWith("file:");
        assertThat(Path.of(java.net.URI.create(dir))).isDirectory();
    }

    @Test
    void stateGoesToRocksDbWhenTheConfigurationSaysSo() throws Exception {
        RuntimeConfig rocksDb = new RuntimeConfig(Duration.ofSeconds(5), null, null, Duration.ofSeconds(1),
                Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofMinutes(1), 0,
                RuntimeConfig.StateBackend.ROCKSDB);
        JobConfig config = new JobConfig(JobConfig.DEFAULTS.metrics(), JobConfig.DEFAULTS.kafka(),
                JobConfig.DEFAULTS.jdbc(), JobConfig.DEFAULTS.directory(), rocksDb,
                JobConfig.DEFAULTS.alerts(), JobConfig.DEFAULTS.alertmanager());
        Configuration flink = new LiveJob(config, Directory.load(Path.of("src/test/resources/job/directory.yaml")),
                Map.of()).flinkConfiguration();
        assertThat(flink.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
    }

    @Test
    void thePrometheusReporterIsOnOnlyWhenAPortIsConfigured() throws Exception {
        Directory directory = Directory.load(Path.of("src/test/resources/job/directory.yaml"));
        Configuration off = new LiveJob(JobConfig.DEFAULTS, directory, Map.of()).flinkConfiguration();
        assertThat(off.keySet()).noneMatch(key -> key.startsWith("metrics.reporter."));

        Configuration on = new LiveJob(JobConfig.DEFAULTS.withMonitoring(new MonitoringConfig(9249)), directory, Map.of())
                .flinkConfiguration();
        assertThat(on.toMap()).containsEntry("metrics.reporter.prom.factory.class",
                        "org.apache.flink.metrics.prometheus.PrometheusReporterFactory")
                .containsEntry("metrics.reporter.prom.port", "9249")
                .containsEntry("metrics.reporter.prom.filterLabelValueCharacters", "false");
    }
}
