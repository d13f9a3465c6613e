package org.hotlinepulse.cli;

import org.hotlinepulse.config.ConfigException;
import org.hotlinepulse.config.DirectorySourceConfig;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.config.JobConfigLoader;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.DirectoryException;
import org.hotlinepulse.postgres.DatabaseException;
import org.hotlinepulse.postgres.Migrations;
import org.hotlinepulse.postgres.PostgresDirectoryLoader;
import org.hotlinepulse.live.LiveJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code hotline-pulse run}: the streaming job, Kafka in, PostgreSQL and Kafka out. Runs on an
 * embedded cluster with {@code java -jar}, or on a Flink cluster with {@code flink run}.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the hotline-metrics streaming job: CDRs from Kafka, metrics to "
                + "PostgreSQL and Kafka, line-health alerts to Kafka, PostgreSQL and Alertmanager, "
                + "bad and late records to their dead-letter topics. "
                + "Migrates the database schema first.",
                "Secrets come from the environment: HOTLINE_PULSE_JDBC_PASSWORD(_FILE), "
                        + "HOTLINE_PULSE_KAFKA_SASL_JAAS_CONFIG, HOTLINE_PULSE_HMAC_KEY(_FILE)."})
final class RunCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "Job configuration, e.g. jobs/hotline-metrics.yaml.")
    Path config;

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = System.getenv();
        try {
            JobConfig jobConfig = load(config, env);
            Migrations.Result schema = Migrations.migrate(jobConfig.jdbc(), env);
            System.err.println("hotline-pulse run: database schema at version "
                    + schema.schemaVersion() + " (" + schema.migrationsApplied() + " migrations applied)");
            Directory directory = initialDirectory(jobConfig, env);
            new LiveJob(jobConfig, directory, env).run();
            return 0;
        } catch (UsageError e) {
            System.err.println("hotline-pulse run: " + e.getMessage());
            return 2;
        } catch (DatabaseException e) {
            System.err.println("hotline-pulse run: " + e.getMessage());
            return 1;
        }
    }

    static JobConfig load(Path file, Map<String, String> env) throws UsageError {
        try {
            return JobConfigLoader.load(file, env);
        } catch (ConfigException e) {
            throw new UsageError(e.getMessage());
        }
    }

    private static Directory initialDirectory(JobConfig config, Map<String, String> env)
            throws UsageError {
        DirectorySourceConfig source = config.directory();
        if (source.source() == DirectorySourceConfig.Source.YAML) {
            return CommandInputs.directory(Path.of(source.file()));
        }
        try {
            return PostgresDirectoryLoader.load(config.jdbc(), env);
        } catch (DirectoryException e) {
            throw new UsageError(e.getMessage());
        }
    }
}
