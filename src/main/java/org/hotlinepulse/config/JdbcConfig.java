package org.hotlinepulse.config;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * How the job reaches PostgreSQL. The password is never in the file: it comes from
 * {@link #PASSWORD_VARIABLE} or the file named by {@link #PASSWORD_FILE_VARIABLE} (none: trust
 * or peer authentication).
 */
public record JdbcConfig(String url, String user) implements Serializable {

    public static final String PASSWORD_VARIABLE = "HOTLINE_PULSE_JDBC_PASSWORD";
    public static final String PASSWORD_FILE_VARIABLE = "HOTLINE_PULSE_JDBC_PASSWORD_FILE";

    public static final JdbcConfig DEFAULTS =
            new JdbcConfig("jdbc:postgresql://127.0.0.1:5432/hotline", "hotline");

    /** The password from the environment, or null when none is set. */
    public String password(Map<String, String> env) {
        String password = env.get(PASSWORD_VARIABLE);
        if (password != null) {
            return password;
        }
        String file = env.get(PASSWORD_FILE_VARIABLE);
        if (file == null) {
            return null;
        }
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException(PASSWORD_FILE_VARIABLE + "=" + file
                    + ": cannot be read: " + e.getMessage());
        }
    }
}
