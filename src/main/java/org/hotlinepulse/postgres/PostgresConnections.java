package org.hotlinepulse.postgres;

import org.hotlinepulse.config.JdbcConfig;

import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/** Opens JDBC connections to the configured PostgreSQL, with the password from the environment. */
public final class PostgresConnections {

    /** Seconds to wait for a server before giving up, unless the URL sets its own. */
    static final String LOGIN_TIMEOUT_SECONDS = "10";

    private PostgresConnections() {}

    /**
     * Opens a connection as {@link JdbcConfig#user()} with {@link JdbcConfig#password(Map)}.
     *
     * @throws DatabaseException "cannot connect to URL as USER: driver's message", the URL
     *     without any password
     */
    public static Connection open(JdbcConfig config, Map<String, String> env) throws DatabaseException {
        try {
            // The driver directly rather than DriverManager, which hides drivers loaded by
            // another class loader, as Flink's user-code class loader does on a cluster.
            Connection connection = new Driver().connect(config.url(), properties(config, env));
            if (connection == null) {
                throw new SQLException("the URL is not one the PostgreSQL driver accepts");
            }
            return connection;
        } catch (SQLException | IllegalArgumentException e) {
            throw new DatabaseException("cannot connect to " + config.urlWithoutPassword()
                    + " as " + config.user() + ": " + DatabaseException.oneLine(e.getMessage()), e);
        }
    }

    /** The connection properties: user, password when set, timeouts and an application name. */
    static Properties properties(JdbcConfig config, Map<String, String> env) {
        Properties properties = new Properties();
        properties.setProperty("user", config.user());
        String password = config.password(env);
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("loginTimeout", LOGIN_TIMEOUT_SECONDS);
        properties.setProperty("ApplicationName", "hotline-pulse");
        return properties;
    }

    /** "what failed (URL): driver message" on one line, for errors after a connection was made. */
    static String describe(String what, JdbcConfig config, SQLException e) {
        return what + " (" + config.urlWithoutPassword() + "): " + DatabaseException.oneLine(e.getMessage());
    }
}
