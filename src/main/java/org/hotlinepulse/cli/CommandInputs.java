package org.hotlinepulse.cli;

import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.config.ConfigException;
import org.hotlinepulse.config.DurationSyntax;
import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.config.JobConfigLoader;
import org.hotlinepulse.config.KafkaConfig;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.DirectoryException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Loads and checks what commands take from files and the environment, before anything runs. */
final class CommandInputs {
    private CommandInputs() {}

    static JobConfig config(Path file) throws UsageError {
        if (file == null) {
            return JobConfig.DEFAULTS;
        }
        try {
            return JobConfigLoader.load(file);
        } catch (ConfigException e) {
            throw new UsageError(e.getMessage());
        }
    }

    static Directory directory(Path file) throws UsageError {
        try {
            return Directory.load(file);
        } catch (DirectoryException e) {
            throw new UsageError(e.getMessage());
        }
    }

    static void requireReadableFiles(List<Path> files) throws UsageError {
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new UsageError(file + ": no such file");
            }
            if (!Files.isReadable(file)) {
                throw new UsageError(file + ": not readable");
            }
        }
    }

    /**
     * Checks every CDR file before the job starts, so that a file the job could not read (an Avro
     * file of another schema or codec, a file that is no container file) is one line naming it
     * and why, and the job never starts: no output is written.
     */
    static void requireReadableCdrFiles(List<Path> files, CdrFormat format) throws UsageError {
        requireReadableFiles(files);
        for (Path file : files) {
            try {
                format.check(file);
            } catch (IOException e) {
                throw new UsageError(e.getMessage() == null ? file + ": cannot be read" : e.getMessage());
            }
        }
    }

    static void requireUsableOutputDir(Path dir) throws UsageError {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageError(dir + ": exists and is not a directory");
        }
    }

    static void requireUsableOutputFile(Path file) throws UsageError {
        if (Files.isDirectory(file)) {
            throw new UsageError(file + ": is a directory, not a file");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UsageError(file + ": folder " + parent + " does not exist");
        }
    }

    /** The kafka section of {@code config}, or the defaults; brokers from the environment either way when set there. */
    static KafkaConfig kafka(Path config, Map<String, String> env) throws UsageError {
        if (config != null) {
            return RunCommand.load(config, env).kafka();
        }
        KafkaConfig defaults = JobConfig.DEFAULTS.kafka();
        String servers = env.get(JobConfigLoader.BOOTSTRAP_SERVERS_VARIABLE);
        return servers == null || servers.isBlank() ? defaults
                : new KafkaConfig(servers, defaults.groupId(), defaults.topics(), defaults.properties());
    }

    static CallerPseudonymiser pseudonymiser() throws UsageError {
        try {
            CallerPseudonymiser pseudonymiser = CallerPseudonymiser.fromEnvironment(System.getenv());
            if (pseudonymiser.isEphemeral()) {
                System.err.println("note: neither HOTLINE_PULSE_HMAC_KEY nor "
                        + "HOTLINE_PULSE_HMAC_KEY_FILE is set; caller numbers are hashed with a "
                        + "key of this run only");
            }
            return pseudonymiser;
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }

    /**
     * The configured HMAC key, for commands whose hashes must stay the same across runs and machines (they are
     * published, or read from a PBX's own files): a key of this run only is refused, {@code why} saying why.
     */
    static CallerPseudonymiser configuredPseudonymiser(String why, Map<String, String> env) throws UsageError {
        CallerPseudonymiser pseudonymiser;
        try {
            pseudonymiser = CallerPseudonymiser.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
        if (pseudonymiser.isEphemeral()) {
            throw new UsageError(why + ": set " + CallerPseudonymiser.KEY_VARIABLE + " or "
                    + CallerPseudonymiser.KEY_FILE_VARIABLE + " to the HMAC key (e.g. openssl rand -hex 32)");
        }
        return pseudonymiser;
    }

    /** A duration option ({@code 90s}, {@code 5 min}, {@code 2h}, {@code 1d} or ISO-8601: {@link DurationSyntax}) that must be above zero. */
    static Duration positiveDuration(String option, String text) throws UsageError {
        Duration parsed;
        try {
            parsed = DurationSyntax.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageError(option + ": " + e.getMessage());
        }
        if (parsed.isNegative() || parsed.isZero()) {
            throw new UsageError(option + ": " + text + " must be longer than zero");
        }
        return parsed;
    }

    /**
     * The PostgreSQL connection: the jdbc section of {@code config}, overridden by the
     * HOTLINE_PULSE_JDBC_* variables, overridden by the command's own {@code --jdbc-url} and
     * {@code --jdbc-user} (null when not given). The password is read now: an unreadable password
     * file is bad input, not a database failure.
     */
    static JdbcConfig jdbc(JobConfig config, Map<String, String> env, String jdbcUrl, String jdbcUser)
            throws UsageError {
        try {
            JdbcConfig jdbc = config.jdbc().withEnvironment(env);
            if (jdbcUrl != null) {
                String problem = JdbcConfig.problemWithUrl(jdbcUrl);
                if (problem != null) {
                    throw new UsageError("--jdbc-url: " + problem);
                }
                if (new JdbcConfig(jdbcUrl, "").urlHasPassword()) {
                    throw new UsageError("--jdbc-url: must not contain a password, which anyone on this machine can"
                            + " read in the process list; set " + JdbcConfig.PASSWORD_VARIABLE + " or "
                            + JdbcConfig.PASSWORD_FILE_VARIABLE + " instead");
                }
                jdbc = new JdbcConfig(jdbcUrl, jdbc.user());
            }
            if (jdbcUser != null) {
                jdbc = new JdbcConfig(jdbc.url(), jdbcUser);
            }
            jdbc.password(env);
            return jdbc;
        } catch (ConfigException | IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }
}
