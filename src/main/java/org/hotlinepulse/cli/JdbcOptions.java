package org.hotlinepulse.cli;

import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.config.JobConfig;
import picocli.CommandLine.Option;

import java.util.Map;

/** The {@code --jdbc-url} and {@code --jdbc-user} options of the commands that read PostgreSQL. */
final class JdbcOptions {
    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "PostgreSQL JDBC URL; wins over HOTLINE_PULSE_JDBC_URL and --config.")
    String url;

    @Option(names = "--jdbc-user", paramLabel = "USER",
            description = "PostgreSQL user; wins over HOTLINE_PULSE_JDBC_USER and --config.")
    String user;

    boolean given() {
        return url != null || user != null;
    }

    /** The connection: {@code config}'s jdbc section, overridden by the environment, overridden by these options. */
    JdbcConfig resolve(JobConfig config, Map<String, String> env) throws UsageError {
        return CommandInputs.jdbc(config, env, url, user);
    }
}
