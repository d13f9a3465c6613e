package org.hotlinepulse.config;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the job reaches PostgreSQL. The password is never in the file: it comes from
 * {@link #PASSWORD_VARIABLE} or the file named by {@link #PASSWORD_FILE_VARIABLE} (none: trust
 * or peer authentication). {@link #URL_VARIABLE} and {@link #USER_VARIABLE} override the file.
 */
public record JdbcConfig(String url, String user) implements Serializable {

    public static final String URL_VARIABLE = "HOTLINE_PULSE_JDBC_URL";
    public static final String USER_VARIABLE = "HOTLINE_PULSE_JDBC_USER";
    public static final String PASSWORD_VARIABLE = "HOTLINE_PULSE_JDBC_PASSWORD";
    public static final String PASSWORD_FILE_VARIABLE = "HOTLINE_PULSE_JDBC_PASSWORD_FILE";

    public static final JdbcConfig DEFAULTS =
            new JdbcConfig("jdbc:postgresql://127.0.0.1:5432/hotline", "hotline");

    private static final String URL_PREFIX = "jdbc:postgresql:";
    /** {@code password=} and the driver's other secrets: {@code sslpassword=} (the client key's). */
    private static final Pattern PASSWORD_PARAMETER =
            Pattern.compile("([?&][a-z]*password=)[^&]*", Pattern.CASE_INSENSITIVE);

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

    /**
     * This configuration with {@link #URL_VARIABLE} and {@link #USER_VARIABLE} applied where they
     * are set and not blank: the environment wins over the file.
     *
     * @throws ConfigException when the URL from the environment is not a PostgreSQL JDBC URL
     */
    public JdbcConfig withEnvironment(Map<String, String> env) throws ConfigException {
        String envUrl = env.get(URL_VARIABLE);
        String envUser = env.get(USER_VARIABLE);
        String newUrl = url;
        if (envUrl != null && !envUrl.isBlank()) {
            newUrl = envUrl.strip();
            String problem = problemWithUrl(newUrl);
            if (problem != null) {
                throw new ConfigException(URL_VARIABLE + ": " + problem);
            }
        }
        String newUser = envUser != null && !envUser.isBlank() ? envUser.strip() : user;
        return new JdbcConfig(newUrl, newUser);
    }

    /** The URL with any {@code password=} or {@code sslpassword=} parameter masked, for messages and logs. */
    public String urlWithoutPassword() {
        return PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
    }

    /**
     * Whether the URL itself carries a password: allowed from the environment only, never in a
     * file nor on a command line (which every user of the machine can read in the process list).
     */
    public boolean urlHasPassword() {
        return PASSWORD_PARAMETER.matcher(url).find();
    }

    /** Null when {@code url} is a PostgreSQL JDBC URL, else what is wrong with it. */
    public static String problemWithUrl(String url) {
        if (url == null || url.isBlank()) {
            return "is empty; write a PostgreSQL JDBC URL such as " + DEFAULTS.url();
        }
        if (!url.startsWith(URL_PREFIX)) {
            return "\"" + url + "\" is not a PostgreSQL JDBC URL; write one such as " + DEFAULTS.url();
        }
        return null;
    }

    @Override
    public String toString() {
        return "JdbcConfig[url=" + urlWithoutPassword() + ", user=" + user + "]";
    }
}
