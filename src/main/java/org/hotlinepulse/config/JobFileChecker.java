package org.hotlinepulse.config;

import org.hotlinepulse.directory.ThresholdKey;
import org.hotlinepulse.yaml.YamlScan;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a bound {@link JobFile} into a {@link JobConfig}: fills in the defaults, applies the
 * environment overrides and checks what binding cannot (ranges, secrets, keys that depend on each other).
 */
final class JobFileChecker {
    private final String file;
    private final YamlScan scan;
    private final Map<String, String> env;

    JobFileChecker(String file, YamlScan scan, Map<String, String> env) {
        this.file = file;
        this.scan = scan;
        this.env = env;
    }

    JobConfig check(JobFile f) throws ConfigException {
        return new JobConfig(metrics(f.metrics()), kafka(f.kafka()), jdbc(f.jdbc()), directory(f.directory()),
                runtime(f.runtime()), alerts(f.alerts()), alertmanager(f.alertmanager()), monitoring(f.monitoring()));
    }

    private MetricsConfig metrics(JobFile.Metrics m) throws ConfigException {
        MetricsConfig d = MetricsConfig.DEFAULTS;
        if (m == null) {
            return d;
        }
        List<Integer> windows = d.windowMinutes();
        if (m.windowsMinutes() != null) {
            windows = m.windowsMinutes();
            String key = "metrics.windows_minutes";
            if (windows.isEmpty()) {
                throw error(key, "must be a list of window sizes in minutes, such as [1, 15, 60]");
            }
            Set<Integer> seen = new HashSet<>();
            for (Integer size : windows) {
                if (size == null || size < 1) {
                    throw error(key, "\"" + size + "\" is not a whole number of minutes >= 1");
                }
                if (!seen.add(size)) {
                    throw error(key, size + " is listed twice");
                }
            }
        }
        return new MetricsConfig(windows,
                or(m.maxOutOfOrderness(), d.maxOutOfOrderness()),
                or(m.allowedLateness(), d.allowedLateness()),
                seconds("metrics.short_abandon_seconds", m.shortAbandonSeconds(), d.shortAbandon()),
                seconds("metrics.service_level_seconds", m.serviceLevelSeconds(), d.serviceLevel()),
                or(m.duplicateHorizon(), d.duplicateHorizon()));
    }

    private KafkaConfig kafka(JobFile.Kafka k) throws ConfigException {
        KafkaConfig d = KafkaConfig.DEFAULTS;
        if (k == null) {
            k = new JobFile.Kafka(null, null, null, null);
        }
        JobFile.Topics t = k.topics() == null ? new JobFile.Topics(null, null, null, null, null) : k.topics();
        KafkaConfig.Topics dt = d.topics();
        Map<String, String> properties = new TreeMap<>();
        if (k.properties() != null) {
            for (Map.Entry<String, String> p : k.properties().entrySet()) {
                if (KafkaConfig.isSecret(p.getKey())) {
                    throw error("kafka.properties." + p.getKey(), "secrets do not belong in this "
                            + "file; set " + KafkaConfig.SASL_JAAS_CONFIG_VARIABLE + " (JAAS) or put it in the"
                            + " properties file named by " + KafkaConfig.SECRETS_FILE_VARIABLE + " instead");
                }
                properties.put(p.getKey(), Objects.toString(p.getValue(), ""));
            }
        }
        return new KafkaConfig(
                env.getOrDefault(JobConfigLoader.BOOTSTRAP_SERVERS_VARIABLE,
                        text("kafka.bootstrap_servers", k.bootstrapServers(), d.bootstrapServers())),
                text("kafka.group_id", k.groupId(), d.groupId()),
                new KafkaConfig.Topics(text("kafka.topics.cdr", t.cdr(), dt.cdr()),
                        text("kafka.topics.rejected", t.rejected(), dt.rejected()),
                        text("kafka.topics.late", t.late(), dt.late()),
                        text("kafka.topics.metrics", t.metrics(), dt.metrics()),
                        text("kafka.topics.alerts", t.alerts(), dt.alerts())),
                properties);
    }

    private JdbcConfig jdbc(JobFile.Jdbc j) throws ConfigException {
        JdbcConfig d = JdbcConfig.DEFAULTS;
        if (j == null) {
            j = new JobFile.Jdbc(null, null);
        }
        String url = text("jdbc.url", j.url(), d.url());
        String problem = JdbcConfig.problemWithUrl(url);
        if (problem != null) {
            throw error("jdbc.url", problem);
        }
        if (new JdbcConfig(url, "").urlHasPassword()) {
            // contract §9: secrets never in committed config.
            throw error("jdbc.url", "must not contain a password; set " + JdbcConfig.PASSWORD_VARIABLE
                    + " or " + JdbcConfig.PASSWORD_FILE_VARIABLE + " in the environment instead");
        }
        return new JdbcConfig(url, text("jdbc.user", j.user(), d.user())).withEnvironment(env);
    }

    private DirectorySourceConfig directory(JobFile.Directory dir) throws ConfigException {
        DirectorySourceConfig d = DirectorySourceConfig.DEFAULTS;
        if (dir == null) {
            return d;
        }
        DirectorySourceConfig.Source source = or(dir.source(), d.source());
        String yamlFile = text("directory.file", dir.file(), null);
        if (source == DirectorySourceConfig.Source.YAML && yamlFile == null) {
            throw error("directory.file", "is required when directory.source is yaml");
        }
        return new DirectorySourceConfig(source, yamlFile, or(dir.reloadInterval(), d.reloadInterval()));
    }

    private RuntimeConfig runtime(JobFile.Runtime r) throws ConfigException {
        RuntimeConfig d = RuntimeConfig.DEFAULTS;
        if (r == null) {
            r = new JobFile.Runtime(null, null, null, null, null, null, null, null, null);
        }
        if (r.parallelism() != null && r.parallelism() < 0) {
            throw error("runtime.parallelism", "\"" + r.parallelism() + "\" is not a whole number >= 0");
        }
        RuntimeConfig config = new RuntimeConfig(
                or(r.checkpointInterval(), d.checkpointInterval()),
                env.getOrDefault(JobConfigLoader.CHECKPOINT_DIR_VARIABLE,
                        text("runtime.checkpoint_dir", r.checkpointDir(), d.checkpointDir())),
                text("runtime.savepoint_dir", r.savepointDir(), d.savepointDir()),
                or(r.restartBackoffInitial(), d.restartBackoffInitial()),
                or(r.restartBackoffMax(), d.restartBackoffMax()),
                or(r.restartBackoffResetAfter(), d.restartBackoffResetAfter()),
                or(r.quietPartitionAfter(), d.quietPartitionAfter()),
                or(r.parallelism(), d.parallelism()),
                or(r.stateBackend(), d.stateBackend()));
        Map<String, Duration> positive = new LinkedHashMap<>();
        positive.put("restart_backoff_initial", config.restartBackoffInitial());
        positive.put("restart_backoff_max", config.restartBackoffMax());
        positive.put("restart_backoff_reset_after", config.restartBackoffResetAfter());
        // Zero would count a partition as idle between any two records: backlogs would be late.
        positive.put("quiet_partition_after", config.quietPartitionAfter());
        requirePositive("runtime.", positive);
        if (config.restartBackoffMax().compareTo(config.restartBackoffInitial()) < 0) {
            throw error("runtime.restart_backoff_max", "must not be shorter than runtime.restart_backoff_initial");
        }
        return config;
    }

    private AlertsConfig alerts(JobFile.Alerts a) throws ConfigException {
        if (a == null) {
            return AlertsConfig.DEFAULTS;
        }
        Map<ThresholdKey, Double> thresholds = or(a.thresholds(), Map.of());
        for (Map.Entry<ThresholdKey, Double> t : thresholds.entrySet()) {
            if (t.getValue() == null || !t.getKey().accepts(t.getValue())) {
                throw error("alerts.thresholds." + t.getKey().key(), "\"" + number(t.getValue()) + "\" is not "
                        + t.getKey().kind().description());
            }
        }
        List<String> feeds = or(a.feeds(), List.of());
        for (String feed : feeds) {
            if (feed == null || feed.isBlank() || feed.length() > 128) {
                throw error("alerts.feeds", "\"" + Objects.toString(feed, "") + "\" is not a source name (1 to 128 characters)");
            }
        }
        return new AlertsConfig(thresholds, feeds);
    }

    private AlertmanagerConfig alertmanager(JobFile.Alertmanager am) throws ConfigException {
        AlertmanagerConfig d = AlertmanagerConfig.DEFAULTS;
        if (am == null) {
            return d;
        }
        List<String> urls = or(am.urls(), List.of());
        for (String url : urls) {
            if (url == null || !url.matches("https?://[^\\s]+")) {
                throw error("alertmanager.urls", "\"" + Objects.toString(url, "") + "\" is not an http:// or https:// URL");
            }
            if (url.matches("https?://[^/]*@.*")) {
                throw error("alertmanager.urls", "must not contain credentials; set "
                        + AlertmanagerConfig.TOKEN_VARIABLE + " or " + AlertmanagerConfig.TOKEN_FILE_VARIABLE
                        + " in the environment instead");
            }
        }
        AlertmanagerConfig config = new AlertmanagerConfig(urls, or(am.resendInterval(), d.resendInterval()),
                or(am.timeout(), d.timeout()), or(am.maxBackoff(), d.maxBackoff()));
        Map<String, Duration> positive = new LinkedHashMap<>();
        positive.put("resend_interval", config.resendInterval());
        positive.put("timeout", config.timeout());
        positive.put("max_backoff", config.maxBackoff());
        requirePositive("alertmanager.", positive);
        return config;
    }

    private MonitoringConfig monitoring(JobFile.Monitoring m) throws ConfigException {
        if (m == null || m.prometheusPort() == null) {
            return MonitoringConfig.DEFAULTS;
        }
        int port = m.prometheusPort();
        if (port < 0 || port > 65535) {
            throw error("monitoring.prometheus_port", "\"" + port + "\" is not a port number (1 to 65535, or 0 for no reporter)");
        }
        return new MonitoringConfig(port);
    }

    private void requirePositive(String section, Map<String, Duration> durations) throws ConfigException {
        for (Map.Entry<String, Duration> d : durations.entrySet()) {
            if (d.getValue().isZero()) {
                throw error(section + d.getKey(), "must be longer than zero");
            }
        }
    }

    private String text(String key, String value, String fallback) throws ConfigException {
        if (value == null) {
            return fallback;
        }
        if (value.isBlank()) {
            throw error(key, "must be a non-empty text");
        }
        return value;
    }

    private Duration seconds(String key, Double value, Duration fallback) throws ConfigException {
        if (value == null) {
            return fallback;
        }
        if (value < 0 || !Double.isFinite(value)) {
            throw error(key, "\"" + number(value) + "\" is not a number of seconds >= 0");
        }
        return Duration.ofMillis(Math.round(value * 1000));
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    /** A number as its author most likely wrote it: 30, not 30.0. */
    private static String number(Double value) {
        return value == null ? "" : value == Math.rint(value) && Double.isFinite(value)
                ? String.valueOf(value.longValue()) : String.valueOf(value);
    }

    private ConfigException error(String key, String problem) {
        int line = scan.line(key);
        return new ConfigException(file + ": " + key + ": " + problem + (line > 0 ? " (line " + line + ")" : ""));
    }
}
