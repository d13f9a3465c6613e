package org.hotlinepulse.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.apache.flink.util.TimeUtils;
import org.hotlinepulse.directory.ThresholdKey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Loads a job configuration file ({@code jobs/*.yaml}). Every key is optional and falls back
 * to its documented default; an unknown key or a bad value is an error naming file and key.
 */
public final class JobConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP_LEVEL =
            Set.of("metrics", "kafka", "jdbc", "directory", "runtime", "alerts", "alertmanager");
    private static final Set<String> KAFKA =
            Set.of("bootstrap_servers", "group_id", "topics", "properties");
    private static final Set<String> TOPICS = Set.of("cdr", "rejected", "late", "metrics", "alerts");
    private static final Set<String> JDBC = Set.of("url", "user");
    private static final Set<String> DIRECTORY = Set.of("source", "file", "reload_interval");
    private static final Set<String> ALERTMANAGER =
            Set.of("urls", "resend_interval", "timeout", "max_backoff");
    private static final Set<String> RUNTIME = Set.of("checkpoint_interval", "checkpoint_dir",
            "savepoint_dir", "restart_backoff_initial", "restart_backoff_max",
            "restart_backoff_reset_after", "quiet_partition_after", "parallelism", "state_backend");

    /** Environment variables that win over the file, for what differs between deployments. */
    public static final String BOOTSTRAP_SERVERS_VARIABLE = "HOTLINE_PULSE_KAFKA_BOOTSTRAP_SERVERS";
    public static final String CHECKPOINT_DIR_VARIABLE = "HOTLINE_PULSE_CHECKPOINT_DIR";
    private static final Set<String> METRICS = Set.of("windows_minutes", "max_out_of_orderness",
            "allowed_lateness", "short_abandon_seconds", "service_level_seconds",
            "duplicate_horizon");

    private final String file;
    private final Map<String, String> env;

    private JobConfigLoader(String file, Map<String, String> env) {
        this.file = file;
        this.env = env;
    }

    /** Loads the file without environment overrides. */
    public static JobConfig load(Path path) throws ConfigException {
        return load(path, Map.of());
    }

    /** Loads the file; the variables named above override it. */
    public static JobConfig load(Path path, Map<String, String> env) throws ConfigException {
        JobConfigLoader loader = new JobConfigLoader(path.toString(), env);
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(path));
        } catch (NoSuchFileException e) {
            throw new ConfigException(path + ": no such file");
        } catch (JsonProcessingException e) {
            throw new ConfigException(path + ": line " + e.getLocation().getLineNr()
                    + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot be read: " + e.getMessage());
        }
        return loader.config(root);
    }

    private JobConfig config(JsonNode root) throws ConfigException {
        if (root == null || root.isNull() || root.isMissingNode()) {
            root = YAML.createObjectNode();
        }
        requireKnownKeys(root, "", TOP_LEVEL);
        return new JobConfig(metrics(root.path("metrics")), kafka(root.path("kafka")),
                jdbc(root.path("jdbc")), directory(root.path("directory")),
                runtime(root.path("runtime")), alerts(root.path("alerts")),
                alertmanager(root.path("alertmanager")));
    }

    private AlertsConfig alerts(JsonNode node) throws ConfigException {
        if (node.isMissingNode()) {
            return AlertsConfig.DEFAULTS;
        }
        requireKnownKeys(node, "alerts.", Set.of("thresholds", "feeds"));
        return new AlertsConfig(thresholds(node.path("thresholds")), feeds(node.path("feeds")));
    }

    private List<String> feeds(JsonNode list) throws ConfigException {
        List<String> feeds = new ArrayList<>();
        if (list.isMissingNode() || list.isNull()) {
            return feeds;
        }
        if (!list.isArray()) {
            throw error("alerts.feeds", "must be a list of source names, such as [pbx-main, carrier]");
        }
        for (JsonNode feed : list) {
            if (!feed.isTextual() || feed.asText().isBlank() || feed.asText().length() > 128) {
                throw error("alerts.feeds", "\"" + feed.asText() + "\" is not a source name (1 to 128 characters)");
            }
            feeds.add(feed.asText());
        }
        return feeds;
    }

    private Map<ThresholdKey, Double> thresholds(JsonNode thresholds) throws ConfigException {
        Map<ThresholdKey, Double> values = new EnumMap<>(ThresholdKey.class);
        if (thresholds.isMissingNode() || thresholds.isNull()) {
            return values;
        }
        if (!thresholds.isObject()) {
            throw error("alerts.thresholds", "must be a mapping of threshold names to values");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = thresholds.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = "alerts.thresholds." + entry.getKey();
            ThresholdKey threshold = ThresholdKey.ofKey(entry.getKey());
            if (threshold == null) {
                throw error(key, "unknown threshold (known: " + ThresholdKey.allKeys() + ")");
            }
            if (!entry.getValue().isNumber() || !threshold.accepts(entry.getValue().asDouble())) {
                throw error(key, "\"" + entry.getValue().asText() + "\" is not "
                        + threshold.kind().description());
            }
            values.put(threshold, entry.getValue().asDouble());
        }
        return values;
    }

    private KafkaConfig kafka(JsonNode node) throws ConfigException {
        KafkaConfig d = KafkaConfig.DEFAULTS;
        if (!node.isMissingNode()) {
            requireKnownKeys(node, "kafka.", KAFKA);
        }
        JsonNode topics = node.path("topics");
        if (!topics.isMissingNode()) {
            requireKnownKeys(topics, "kafka.topics.", TOPICS);
        }
        KafkaConfig.Topics t = d.topics();
        Map<String, String> properties = new TreeMap<>();
        JsonNode props = node.path("properties");
        if (!props.isMissingNode()) {
            if (!props.isObject()) {
                throw error("kafka.properties", "must be a mapping of Kafka client properties");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                if (KafkaConfig.isSecret(p.getKey())) {
                    throw error("kafka.properties." + p.getKey(), "secrets do not belong in this "
                            + "file; set " + KafkaConfig.SASL_JAAS_CONFIG_VARIABLE + " (JAAS) or put it in the"
                            + " properties file named by " + KafkaConfig.SECRETS_FILE_VARIABLE + " instead");
                }
                properties.put(p.getKey(), p.getValue().asText());
            }
        }
        return new KafkaConfig(
                env.getOrDefault(BOOTSTRAP_SERVERS_VARIABLE,
                        text(node, "kafka.", "bootstrap_servers", d.bootstrapServers())),
                text(node, "kafka.", "group_id", d.groupId()),
                new KafkaConfig.Topics(text(topics, "kafka.topics.", "cdr", t.cdr()),
                        text(topics, "kafka.topics.", "rejected", t.rejected()),
                        text(topics, "kafka.topics.", "late", t.late()),
                        text(topics, "kafka.topics.", "metrics", t.metrics()),
                        text(topics, "kafka.topics.", "alerts", t.alerts())),
                properties);
    }

    private JdbcConfig jdbc(JsonNode node) throws ConfigException {
        JdbcConfig d = JdbcConfig.DEFAULTS;
        if (!node.isMissingNode()) {
            requireKnownKeys(node, "jdbc.", JDBC);
        }
        String url = text(node, "jdbc.", "url", d.url());
        String problem = JdbcConfig.problemWithUrl(url);
        if (problem != null) {
            throw error("jdbc.url", problem);
        }
        if (new JdbcConfig(url, "").urlHasPassword()) {
            // DESIGN §9: secrets never in committed config.
            throw error("jdbc.url", "must not contain a password; set " + JdbcConfig.PASSWORD_VARIABLE
                    + " or " + JdbcConfig.PASSWORD_FILE_VARIABLE + " in the environment instead");
        }
        return new JdbcConfig(url, text(node, "jdbc.", "user", d.user())).withEnvironment(env);
    }

    private DirectorySourceConfig directory(JsonNode node) throws ConfigException {
        DirectorySourceConfig d = DirectorySourceConfig.DEFAULTS;
        if (node.isMissingNode()) {
            return d;
        }
        requireKnownKeys(node, "directory.", DIRECTORY);
        String source = text(node, "directory.", "source", d.source().name().toLowerCase());
        DirectorySourceConfig.Source kind;
        switch (source) {
            case "yaml" -> kind = DirectorySourceConfig.Source.YAML;
            case "postgres" -> kind = DirectorySourceConfig.Source.POSTGRES;
            default -> throw error("directory.source", "\"" + source + "\" is not yaml or postgres");
        }
        String file = text(node, "directory.", "file", null);
        if (kind == DirectorySourceConfig.Source.YAML && file == null) {
            throw error("directory.file", "is required when directory.source is yaml");
        }
        return new DirectorySourceConfig(kind, file,
                duration(node, "directory.", "reload_interval", d.reloadInterval()));
    }

    private RuntimeConfig runtime(JsonNode node) throws ConfigException {
        RuntimeConfig d = RuntimeConfig.DEFAULTS;
        if (node.isMissingNode()) {
            node = YAML.createObjectNode();
        }
        for (String replaced : List.of("restart_attempts", "restart_delay")) {
            if (node.has(replaced)) {
                throw error("runtime." + replaced, "no longer exists: restarts never give up, they back off "
                        + "from restart_backoff_initial to restart_backoff_max; remove it");
            }
        }
        requireKnownKeys(node, "runtime.", RUNTIME);
        RuntimeConfig config = new RuntimeConfig(
                duration(node, "runtime.", "checkpoint_interval", d.checkpointInterval()),
                env.getOrDefault(CHECKPOINT_DIR_VARIABLE,
                        text(node, "runtime.", "checkpoint_dir", d.checkpointDir())),
                text(node, "runtime.", "savepoint_dir", d.savepointDir()),
                duration(node, "runtime.", "restart_backoff_initial", d.restartBackoffInitial()),
                duration(node, "runtime.", "restart_backoff_max", d.restartBackoffMax()),
                duration(node, "runtime.", "restart_backoff_reset_after", d.restartBackoffResetAfter()),
                duration(node, "runtime.", "quiet_partition_after", d.quietPartitionAfter()),
                count(node, "runtime.", "parallelism", d.parallelism()),
                stateBackend(text(node, "runtime.", "state_backend", d.stateBackend().flinkName())));
        for (Map.Entry<String, Duration> positive : Map.of(
                "restart_backoff_initial", config.restartBackoffInitial(),
                "restart_backoff_max", config.restartBackoffMax(),
                "restart_backoff_reset_after", config.restartBackoffResetAfter(),
                // Zero would count a partition as idle between any two records: backlogs would be late.
                "quiet_partition_after", config.quietPartitionAfter()).entrySet()) {
            if (positive.getValue().isZero()) {
                throw error("runtime." + positive.getKey(), "must be longer than zero");
            }
        }
        if (config.restartBackoffMax().compareTo(config.restartBackoffInitial()) < 0) {
            throw error("runtime.restart_backoff_max", "must not be shorter than runtime.restart_backoff_initial");
        }
        return config;
    }

    private RuntimeConfig.StateBackend stateBackend(String name) throws ConfigException {
        for (RuntimeConfig.StateBackend backend : RuntimeConfig.StateBackend.values()) {
            if (backend.flinkName().equals(name)) {
                return backend;
            }
        }
        throw error("runtime.state_backend", "\"" + name + "\" is not hashmap or rocksdb");
    }

    private AlertmanagerConfig alertmanager(JsonNode node) throws ConfigException {
        AlertmanagerConfig d = AlertmanagerConfig.DEFAULTS;
        if (node.isMissingNode()) {
            return d;
        }
        requireKnownKeys(node, "alertmanager.", ALERTMANAGER);
        List<String> urls = new ArrayList<>();
        JsonNode list = node.path("urls");
        if (!list.isMissingNode() && !list.isArray()) {
            throw error("alertmanager.urls", "must be a list of base URLs, such as [http://alertmanager:9093]");
        }
        for (JsonNode url : list) {
            String text = url.asText();
            if (!url.isTextual() || !text.matches("https?://[^\\s]+")) {
                throw error("alertmanager.urls", "\"" + text + "\" is not an http:// or https:// URL");
            }
            if (text.matches("https?://[^/]*@.*")) {
                throw error("alertmanager.urls", "must not contain credentials; set "
                        + AlertmanagerConfig.TOKEN_VARIABLE + " or " + AlertmanagerConfig.TOKEN_FILE_VARIABLE
                        + " in the environment instead");
            }
            urls.add(text);
        }
        AlertmanagerConfig config = new AlertmanagerConfig(urls,
                duration(node, "alertmanager.", "resend_interval", d.resendInterval()),
                duration(node, "alertmanager.", "timeout", d.timeout()),
                duration(node, "alertmanager.", "max_backoff", d.maxBackoff()));
        for (Map.Entry<String, Duration> positive : Map.of("resend_interval", config.resendInterval(),
                "timeout", config.timeout(), "max_backoff", config.maxBackoff()).entrySet()) {
            if (positive.getValue().isZero()) {
                throw error("alertmanager." + positive.getKey(), "must be longer than zero");
            }
        }
        return config;
    }

    private String text(JsonNode parent, String prefix, String name, String fallback)
            throws ConfigException {
        JsonNode node = parent.path(name);
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        if (!node.isValueNode() || node.asText().isBlank()) {
            throw error(prefix + name, "must be a non-empty text");
        }
        return node.asText();
    }

    private int count(JsonNode parent, String prefix, String name, int fallback)
            throws ConfigException {
        JsonNode node = parent.path(name);
        if (node.isMissingNode()) {
            return fallback;
        }
        if (!node.isInt() || node.asInt() < 0) {
            throw error(prefix + name, "\"" + node.asText() + "\" is not a whole number >= 0");
        }
        return node.asInt();
    }

    private MetricsConfig metrics(JsonNode node) throws ConfigException {
        MetricsConfig d = MetricsConfig.DEFAULTS;
        if (node.isMissingNode()) {
            return d;
        }
        requireKnownKeys(node, "metrics.", METRICS);
        return new MetricsConfig(
                windowMinutes(node.path("windows_minutes"), d.windowMinutes()),
                duration(node, "metrics.", "max_out_of_orderness", d.maxOutOfOrderness()),
                duration(node, "metrics.", "allowed_lateness", d.allowedLateness()),
                seconds(node, "metrics.", "short_abandon_seconds", d.shortAbandon()),
                seconds(node, "metrics.", "service_level_seconds", d.serviceLevel()),
                duration(node, "metrics.", "duplicate_horizon", d.duplicateHorizon()));
    }

    private List<Integer> windowMinutes(JsonNode node, List<Integer> fallback) throws ConfigException {
        if (node.isMissingNode()) {
            return fallback;
        }
        String key = "metrics.windows_minutes";
        if (!node.isArray() || node.isEmpty()) {
            throw error(key, "must be a list of window sizes in minutes, such as [1, 15, 60]");
        }
        List<Integer> sizes = new ArrayList<>();
        for (JsonNode size : node) {
            if (!size.isInt() || size.asInt() < 1) {
                throw error(key, "\"" + size.asText() + "\" is not a whole number of minutes >= 1");
            }
            if (sizes.contains(size.asInt())) {
                throw error(key, size.asInt() + " is listed twice");
            }
            sizes.add(size.asInt());
        }
        return sizes;
    }

    private Duration duration(JsonNode parent, String prefix, String name, Duration fallback)
            throws ConfigException {
        JsonNode node = parent.path(name);
        if (node.isMissingNode()) {
            return fallback;
        }
        try {
            Duration value = TimeUtils.parseDuration(node.asText());
            if (value.isNegative()) {
                throw error(prefix + name, "must not be negative");
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw error(prefix + name, "\"" + node.asText() + "\" is not a duration (write e.g. 250ms, 30s, 10m, 4h, 1d or PT4H)");
        }
    }

    private Duration seconds(JsonNode parent, String prefix, String name, Duration fallback)
            throws ConfigException {
        JsonNode node = parent.path(name);
        if (node.isMissingNode()) {
            return fallback;
        }
        if (!node.isNumber() || node.asDouble() < 0) {
            throw error(prefix + name, "\"" + node.asText() + "\" is not a number of seconds >= 0");
        }
        return Duration.ofMillis(Math.round(node.asDouble() * 1000));
    }

    private void requireKnownKeys(JsonNode node, String prefix, Set<String> known)
            throws ConfigException {
        if (!node.isObject()) {
            throw error(prefix.isEmpty() ? "(top level)" : prefix.substring(0, prefix.length() - 1),
                    "must be a mapping of keys to values");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw error(prefix + name, "unknown key (known: " + String.join(", ",
                        known.stream().sorted().toList()) + ")");
            }
        }
    }

    private ConfigException error(String key, String problem) {
        return new ConfigException(file + ": " + key + ": " + problem);
    }
}
