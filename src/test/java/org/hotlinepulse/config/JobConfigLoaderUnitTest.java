package org.hotlinepulse.config;

import org.hotlinepulse.directory.ThresholdKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobConfigLoaderUnitTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("job.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void missingKeysFallBackToTheDefaults() throws Exception {
        assertThat(JobConfigLoader.load(write("metrics:\n  allowed_lateness: 2h\n")).metrics())
                .isEqualTo(new MetricsConfig(List.of(1, 15, 60), Duration.ofMinutes(10),
                        Duration.ofHours(2), Duration.ofSeconds(5), Duration.ofSeconds(20),
                        Duration.ofHours(24)));
        assertThat(JobConfigLoader.load(write("")).metrics()).isEqualTo(MetricsConfig.DEFAULTS);
    }

    @Test
    void everyMetricsKeyIsRead() throws Exception {
        MetricsConfig m = JobConfigLoader.load(write("""
                metrics:
                  windows_minutes: [5, 30]
                  max_out_of_orderness: PT2M
                  allowed_lateness: 30m
                  short_abandon_seconds: 3
                  service_level_seconds: 15.5
                  duplicate_horizon: 1d
                """)).metrics();
        assertThat(m.windowMinutes()).containsExactly(5, 30);
        assertThat(m.maxOutOfOrderness()).isEqualTo(Duration.ofMinutes(2));
        assertThat(m.allowedLateness()).isEqualTo(Duration.ofMinutes(30));
        assertThat(m.shortAbandon()).isEqualTo(Duration.ofSeconds(3));
        assertThat(m.serviceLevel()).isEqualTo(Duration.ofMillis(15_500));
        assertThat(m.duplicateHorizon()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void alertThresholdsOverrideTheDefaultsByKeyAndBadOnesAreNamed() throws Exception {
        AlertsConfig alerts = JobConfigLoader.load(write("""
                alerts:
                  thresholds: {constant_busy_share: 0.9, unanswered_window_minutes: 30}
                """)).alerts();
        assertThat(alerts.thresholds()).containsOnly(
                Map.entry(ThresholdKey.CONSTANT_BUSY_SHARE, 0.9),
                Map.entry(ThresholdKey.UNANSWERED_WINDOW_MINUTES, 30.0));
        assertThat(JobConfigLoader.load(write("")).alerts()).isEqualTo(AlertsConfig.DEFAULTS);

        Path unknown = write("alerts:\n  thresholds: {busy_share: 0.9}\n");
        assertThatThrownBy(() -> JobConfigLoader.load(unknown))
                .hasMessageStartingWith(unknown + ": alerts.thresholds.busy_share: unknown threshold (known: ");
        Path wrongKind = write("alerts:\n  thresholds: {unanswered_window_minutes: 2.5}\n");
        assertThatThrownBy(() -> JobConfigLoader.load(wrongKind))
                .hasMessage(wrongKind + ": alerts.thresholds.unanswered_window_minutes: \"2.5\" is not "
                        + "a whole number of minutes of at least 1, such as 15 (line 2)");
    }

    @Test
    void declaredFeedsAreReadAndBadOnesAreNamed() throws Exception {
        assertThat(JobConfigLoader.load(write("alerts:\n  feeds: [pbx-main, carrier]\n")).alerts().feeds())
                .containsExactly("pbx-main", "carrier");
        assertThat(JobConfigLoader.load(write("")).alerts().feeds()).isEmpty();
        Path notAList = write("alerts:\n  feeds: pbx-main\n");
        assertThatThrownBy(() -> JobConfigLoader.load(notAList)).hasMessage(notAList
                + ": alerts.feeds: must be a list of source names, such as [pbx-main, carrier] (line 2)");
        Path empty = write("alerts:\n  feeds: [\"\"]\n");
        assertThatThrownBy(() -> JobConfigLoader.load(empty))
                .hasMessage(empty + ": alerts.feeds: \"\" is not a source name (1 to 128 characters) (line 2)");
    }

    @Test
    void errorsNameTheFileTheKeyAndTheProblem() throws Exception {
        Path typo = write("metrics:\n  alowed_lateness: 4h\n");
        assertThatThrownBy(() -> JobConfigLoader.load(typo))
                .hasMessageStartingWith(typo + ": metrics.alowed_lateness: unknown key");
        Path badDuration = write("metrics:\n  allowed_lateness: four hours\n");
        assertThatThrownBy(() -> JobConfigLoader.load(badDuration))
                .hasMessage(badDuration + ": metrics.allowed_lateness: \"four hours\" is not a "
                        + "duration (write e.g. 250ms, 30s, 10m, 4h, 1d or PT4H) (line 2)");
        Path badWindow = write("metrics:\n  windows_minutes: [1, 0]\n");
        assertThatThrownBy(() -> JobConfigLoader.load(badWindow))
                .hasMessage(badWindow + ": metrics.windows_minutes: \"0\" is not a whole number of minutes >= 1 (line 2)");
        Path noQuietSpan = write("runtime:\n  quiet_partition_after: 0s\n");
        assertThatThrownBy(() -> JobConfigLoader.load(noQuietSpan))
                .hasMessage(noQuietSpan + ": runtime.quiet_partition_after: must be longer than zero (line 2)");
        Path notYaml = write("metrics: [\n");
        assertThatThrownBy(() -> JobConfigLoader.load(notYaml))
                .hasMessageStartingWith(notYaml + ": line ");
        assertThatThrownBy(() -> JobConfigLoader.load(dir.resolve("absent.yaml")))
                .hasMessage(dir.resolve("absent.yaml") + ": no such file");
    }

    @Test
    void theJdbcSectionIsReadAndDefaultsWhenAbsent() throws Exception {
        assertThat(JobConfigLoader.load(write("metrics: {}\n")).jdbc()).isEqualTo(JdbcConfig.DEFAULTS);
        assertThat(JobConfigLoader.load(write("jdbc:\n  user: ops\n")).jdbc())
                .isEqualTo(new JdbcConfig(JdbcConfig.DEFAULTS.url(), "ops"));
        assertThat(JobConfigLoader.load(write("""
                jdbc:
                  url: jdbc:postgresql://db.internal:5433/hotline?sslmode=require
                  user: hotline_job
                """)).jdbc())
                .isEqualTo(new JdbcConfig("jdbc:postgresql://db.internal:5433/hotline?sslmode=require", "hotline_job"));
    }

    @Test
    void jdbcErrorsNameTheFileTheKeyAndTheProblem() throws Exception {
        Path typo = write("jdbc:\n  username: ops\n");
        assertThatThrownBy(() -> JobConfigLoader.load(typo))
                .hasMessage(typo + ": jdbc.username: unknown key (known: url, user) (line 2)");
        Path mysql = write("jdbc:\n  url: jdbc:mysql://db/hotline\n");
        assertThatThrownBy(() -> JobConfigLoader.load(mysql))
                .hasMessage(mysql + ": jdbc.url: \"jdbc:mysql://db/hotline\" is not a PostgreSQL JDBC URL;"
                        + " write one such as jdbc:postgresql://127.0.0.1:5432/hotline (line 2)");
        Path secret = write("jdbc:\n  url: jdbc:postgresql://db/hotline?user=x&password=hunter2\n");
        assertThatThrownBy(() -> JobConfigLoader.load(secret))
                .hasMessage(secret + ": jdbc.url: must not contain a password; set HOTLINE_PULSE_JDBC_PASSWORD"
                        + " or HOTLINE_PULSE_JDBC_PASSWORD_FILE in the environment instead (line 2)");
        Path emptyUser = write("jdbc:\n  user: \"\"\n");
        assertThatThrownBy(() -> JobConfigLoader.load(emptyUser))
                .hasMessage(emptyUser + ": jdbc.user: must be a non-empty text (line 2)");
        Path notAMapping = write("jdbc: postgres\n");
        assertThatThrownBy(() -> JobConfigLoader.load(notAMapping))
                .hasMessage(notAMapping + ": jdbc: must be a mapping of keys to values (line 1)");
    }

    @Test
    void theShippedJobFileHoldsTheDefaults() throws Exception {
        assertThat(JobConfigLoader.load(Path.of("jobs/hotline-metrics.yaml"))).isEqualTo(JobConfig.DEFAULTS);
    }

    @Test
    void theRuntimeKeysAreReadAndTheSavepointsGoUnderTheCheckpointsUnlessSaidOtherwise() throws Exception {
        RuntimeConfig runtime = JobConfigLoader.load(write("""
                runtime:
                  checkpoint_dir: file:///var/lib/hp/checkpoints/
                  restart_backoff_initial: 2s
                  restart_backoff_max: 5m
                  restart_backoff_reset_after: 1h
                """)).runtime();
        assertThat(runtime.restartBackoffInitial()).isEqualTo(Duration.ofSeconds(2));
        assertThat(runtime.restartBackoffMax()).isEqualTo(Duration.ofMinutes(5));
        assertThat(runtime.restartBackoffResetAfter()).isEqualTo(Duration.ofHours(1));
        assertThat(runtime.savepoints()).isEqualTo("file:///var/lib/hp/checkpoints/savepoints");
        assertThat(JobConfigLoader.load(write("""
                runtime:
                  checkpoint_dir: file:///a
                  savepoint_dir: file:///b
                """)).runtime().savepoints()).isEqualTo("file:///b");
    }

    @Test
    void theStateBackendIsTheHeapUnlessRocksDbIsAskedFor() throws Exception {
        assertThat(JobConfig.DEFAULTS.runtime().stateBackend()).isEqualTo(RuntimeConfig.StateBackend.HASHMAP);
        assertThat(JobConfigLoader.load(write("runtime:\n  state_backend: rocksdb\n")).runtime().stateBackend())
                .isEqualTo(RuntimeConfig.StateBackend.ROCKSDB);
        Path misspelt = write("runtime:\n  state_backend: rocks\n");
        assertThatThrownBy(() -> JobConfigLoader.load(misspelt))
                .hasMessage(misspelt + ": runtime.state_backend: \"rocks\" is not hashmap or rocksdb (line 2)");
    }

    @Test
    void restartBackOffThatCannotWorkAndTheReplacedRestartKeysAreNamed() throws Exception {
        Path zero = write("runtime:\n  restart_backoff_initial: 0s\n");
        assertThatThrownBy(() -> JobConfigLoader.load(zero))
                .hasMessage(zero + ": runtime.restart_backoff_initial: must be longer than zero (line 2)");
        Path inverted = write("runtime:\n  restart_backoff_initial: 2m\n  restart_backoff_max: 1m\n");
        assertThatThrownBy(() -> JobConfigLoader.load(inverted))
                .hasMessage(inverted + ": runtime.restart_backoff_max: must not be shorter than "
                        + "runtime.restart_backoff_initial (line 3)");
        Path old = write("runtime:\n  restart_attempts: 10\n");
        assertThatThrownBy(() -> JobConfigLoader.load(old))
                .hasMessageStartingWith(old + ": runtime.restart_attempts: no longer exists: restarts never give up");
    }

    @Test
    void aMisspeltKeyGetsASuggestionAndABadValueItsPathAndLine() throws Exception {
        Path typo = write("metrics:\n  windows_minutes: [1]\n  max_out_of_ordernes: 5m\n");
        assertThatThrownBy(() -> JobConfigLoader.load(typo)).hasMessage(typo
                + ": metrics.max_out_of_ordernes: unknown key; did you mean \"max_out_of_orderness\"? (line 3)");
        Path notANumber = write("metrics:\n  windows_minutes:\n    - 1\n    - fifteen\n");
        assertThatThrownBy(() -> JobConfigLoader.load(notANumber))
                .hasMessage(notANumber + ": metrics.windows_minutes[1]: \"fifteen\" is not a whole number (line 4)");
        Path fraction = write("runtime:\n  parallelism: 2.5\n");
        assertThatThrownBy(() -> JobConfigLoader.load(fraction))
                .hasMessage(fraction + ": runtime.parallelism: \"2.5\" is not a whole number (line 2)");
    }

    @Test
    void durationsAreReadInFlinksSyntax() throws Exception {
        MetricsConfig m = JobConfigLoader.load(write("metrics:\n  max_out_of_orderness: 10 min\n  allowed_lateness: 4 hours\n"))
                .metrics();
        assertThat(m.maxOutOfOrderness()).isEqualTo(Duration.ofMinutes(10));
        assertThat(m.allowedLateness()).isEqualTo(Duration.ofHours(4));
        Path noUnit = write("metrics:\n  allowed_lateness: 4\n");
        assertThatThrownBy(() -> JobConfigLoader.load(noUnit)).as("Flink would read 4 milliseconds")
                .hasMessage(noUnit + ": metrics.allowed_lateness: \"4\" has no unit (write e.g. 250ms, 30s, 10m, 4h, 1d or PT4H) (line 2)");
    }

    @Test
    void thePrometheusPortIsReadAndABadOneNamed() throws Exception {
        assertThat(JobConfigLoader.load(write("")).monitoring()).isEqualTo(MonitoringConfig.DEFAULTS);
        assertThat(JobConfigLoader.load(write("")).monitoring().prometheus()).isFalse();
        assertThat(JobConfigLoader.load(write("monitoring:\n  prometheus_port: 9249\n")).monitoring())
                .isEqualTo(new MonitoringConfig(9249));
        Path tooHigh = write("monitoring:\n  prometheus_port: 70000\n");
        assertThatThrownBy(() -> JobConfigLoader.load(tooHigh)).isInstanceOf(ConfigException.class)
                .hasMessage(tooHigh + ": monitoring.prometheus_port: \"70000\" is not a port number (1 to 65535, or 0 for no reporter) (line 2)");
        Path text = write("monitoring:\n  prometheus_port: nine\n");
        assertThatThrownBy(() -> JobConfigLoader.load(text)).isInstanceOf(ConfigException.class)
                .hasMessage(text + ": monitoring.prometheus_port: \"nine\" is not a whole number (line 2)");
    }
}
