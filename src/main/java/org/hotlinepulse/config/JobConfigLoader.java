package org.hotlinepulse.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Loads a job configuration file ({@code jobs/*.yaml}). Every key is optional and falls back
 * to its documented default; an unknown key or a bad value is an error naming file and key.
 */
public final class JobConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP_LEVEL = Set.of("metrics", "jdbc");
    private static final Set<String> METRICS = Set.of("windows_minutes", "max_out_of_orderness",
            "allowed_lateness", "short_abandon_seconds", "service_level_seconds",
            "duplicate_horizon");
    private static final Set<String> JDBC = Set.of("url", "user");

    private final String file;

    private JobConfigLoader(String file) {
        this.file = file;
    }

    public static JobConfig load(Path path) throws ConfigException {
        JobConfigLoader loader = new JobConfigLoader(path.toString());
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
            return JobConfig.DEFAULTS;
        }
        requireKnownKeys(root, "", TOP_LEVEL);
        return new JobConfig(metrics(root.path("metrics")), jdbc(root.path("jdbc")));
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

    private JdbcConfig jdbc(JsonNode node) throws ConfigException {
        JdbcConfig d = JdbcConfig.DEFAULTS;
        if (node.isMissingNode()) {
            return d;
        }
        requireKnownKeys(node, "jdbc.", JDBC);
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
        return new JdbcConfig(url, text(node, "jdbc.", "user", d.user()));
    }

    private String text(JsonNode parent, String prefix, String name, String fallback)
            throws ConfigException {
        JsonNode node = parent.path(name);
        if (node.isMissingNode()) {
            return fallback;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw error(prefix + name, "must be a non-empty text");
        }
        return node.asText().strip();
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
            Duration value = DurationText.parse(node.asText());
            if (value.isNegative()) {
                throw error(prefix + name, "must not be negative");
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw error(prefix + name, e.getMessage());
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
