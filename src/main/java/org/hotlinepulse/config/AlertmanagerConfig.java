package org.hotlinepulse.config;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where and how the live job delivers alerts to Prometheus Alertmanager: the base URLs of every
 * instance (an HA pair gets every alert at each; none: no delivery), how often firing alerts and
 * the heartbeat are sent again, the timeout of one request and the longest pause between retries. The bearer token
 * comes from the environment only.
 */
public record AlertmanagerConfig(List<String> urls, Duration resendInterval, Duration timeout,
                                 Duration maxBackoff) implements Serializable {

    public static final String TOKEN_VARIABLE = "HOTLINE_PULSE_ALERTMANAGER_TOKEN";
    public static final String TOKEN_FILE_VARIABLE = "HOTLINE_PULSE_ALERTMANAGER_TOKEN_FILE";

    public static final AlertmanagerConfig DEFAULTS = new AlertmanagerConfig(List.of(),
            Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofMinutes(5));

    public AlertmanagerConfig {
        urls = List.copyOf(urls);
    }

    /** Whether alerts go to Alertmanager at all. */
    public boolean enabled() {
        return !urls.isEmpty();
    }

    /**
     * The bearer token from {@value #TOKEN_VARIABLE}, else from the file {@value
     * #TOKEN_FILE_VARIABLE} names (stripped); null when neither is set.
     *
     * @throws IllegalArgumentException naming the file when it cannot be read
     */
    public static String token(Map<String, String> env) {
        String token = env.get(TOKEN_VARIABLE);
        if (token != null && !token.isBlank()) {
            return token.strip();
        }
        String file = env.get(TOKEN_FILE_VARIABLE);
        if (file == null || file.isBlank()) {
            return null;
        }
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException(TOKEN_FILE_VARIABLE + "=" + file + ": cannot be read: "
                    + e.getMessage());
        }
    }
}
