package org.hotlinepulse.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.hotlinepulse.directory.ThresholdKey;
import org.hotlinepulse.yaml.BadValue;
import org.hotlinepulse.yaml.YamlBinding;
import org.hotlinepulse.yaml.YamlException;
import org.hotlinepulse.yaml.YamlScan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Loads a job configuration file ({@code jobs/*.yaml}). Every key is optional and falls back
 * to its documented default; an unknown key or a bad value is an error naming file, key and line.
 */
public final class JobConfigLoader {
    private static final ObjectMapper YAML = YamlBinding.mapper(new SimpleModule("job configuration")
            .addDeserializer(Duration.class, new DurationDeserializer())
            .addKeyDeserializer(ThresholdKey.class, new ThresholdKeyDeserializer()));

    /** What a value must be, where a generic "must be a list" would not help. */
    private static final Map<String, String> SHAPES = Map.of(
            "metrics.windows_minutes", "must be a list of window sizes in minutes, such as [1, 15, 60]",
            "kafka.properties", "must be a mapping of Kafka client properties",
            "alerts.thresholds", "must be a mapping of threshold names to values",
            "alerts.feeds", "must be a list of source names, such as [pbx-main, carrier]",
            "alertmanager.urls", "must be a list of base URLs, such as [http://alertmanager:9093]");
    private static final String RESTARTS_NEVER_GIVE_UP = "no longer exists: restarts never give up, they back off "
            + "from restart_backoff_initial to restart_backoff_max; remove it";
    private static final Map<String, String> REMOVED_KEYS = Map.of(
            "runtime.restart_attempts", RESTARTS_NEVER_GIVE_UP,
            "runtime.restart_delay", RESTARTS_NEVER_GIVE_UP);

    /** Environment variables that win over the file, for what differs between deployments. */
    public static final String BOOTSTRAP_SERVERS_VARIABLE = "HOTLINE_PULSE_KAFKA_BOOTSTRAP_SERVERS";
    public static final String CHECKPOINT_DIR_VARIABLE = "HOTLINE_PULSE_CHECKPOINT_DIR";

    private JobConfigLoader() {}

    /** Loads the file without environment overrides. */
    public static JobConfig load(Path path) throws ConfigException {
        return load(path, Map.of());
    }

    /** Loads the file; the variables named above override it. */
    public static JobConfig load(Path path, Map<String, String> env) throws ConfigException {
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new ConfigException(path + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot be read: " + e.getMessage());
        }
        YamlScan scan;
        try {
            scan = YamlScan.of(text, "configuration");
        } catch (YamlException e) {
            throw new ConfigException(e.isSyntaxError() ? path + ": line " + e.line() + ": not valid YAML: " + e.getMessage()
                    : path + ": " + e.getMessage() + " (line " + e.line() + ")");
        }
        JobFile file = scan.isEmpty() ? JobFile.EMPTY : bind(path, text, scan);
        return new JobFileChecker(path.toString(), scan, env).check(file);
    }

    private static JobFile bind(Path path, String text, YamlScan scan) throws ConfigException {
        try {
            JobFile file = YAML.readValue(text, JobFile.class);
            return file == null ? JobFile.EMPTY : file;
        } catch (JsonMappingException e) {
            String key = YamlBinding.pathOf(e);
            int line = scan.line(key);
            throw new ConfigException(path + ": " + (key.isEmpty() ? "(top level)" : key) + ": " + problem(e, key, scan)
                    + (line > 0 ? " (line " + line + ")" : ""));
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot be read: " + e.getMessage());
        }
    }

    /** What is wrong at {@code key}, in the words of the file rather than of Java types. */
    private static String problem(JsonMappingException e, String key, YamlScan scan) {
        if (e instanceof BadValue) {
            return e.getOriginalMessage();
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String removed = REMOVED_KEYS.get(key);
            if (removed != null) {
                return removed;
            }
            Collection<Object> known = unknown.getKnownPropertyIds();
            String suggestion = YamlBinding.closest(unknown.getPropertyName(), known);
            return suggestion != null ? "unknown key; did you mean \"" + suggestion + "\"?"
                    : "unknown key (known: " + known.stream().map(Object::toString).sorted()
                            .collect(Collectors.joining(", ")) + ")";
        }
        if (SHAPES.containsKey(key)) {
            return SHAPES.get(key);
        }
        Class<?> type = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        String value = "\"" + (scan.scalar(key) == null ? "" : scan.scalar(key).text()) + "\"";
        if (type == null) {
            return e.getOriginalMessage();
        } else if (type == String.class) {
            return "must be a non-empty text";
        } else if (type == Integer.class || type == int.class) {
            return value + " is not a whole number";
        } else if (type == Double.class || type == double.class) {
            return value + " is not a number";
        } else if (type.isEnum()) {
            return value + " is not " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.toString().toLowerCase(Locale.ROOT)).collect(Collectors.joining(" or "));
        } else if (List.class.isAssignableFrom(type)) {
            return "must be a list";
        }
        return "must be a mapping of keys to values";
    }
}
