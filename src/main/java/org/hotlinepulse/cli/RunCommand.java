package org.hotlinepulse.cli;

import org.apache.flink.core.execution.JobClient;
import org.hotlinepulse.config.ConfigException;
import org.hotlinepulse.config.DirectorySourceConfig;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.config.JobConfigLoader;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.DirectoryException;
import org.hotlinepulse.postgres.DatabaseException;
import org.hotlinepulse.postgres.Migrations;
import org.hotlinepulse.postgres.PostgresDirectoryLoader;
import org.hotlinepulse.config.KafkaConfig;
import org.hotlinepulse.config.RuntimeConfig;
import org.hotlinepulse.live.CommittedOffsets;
import org.hotlinepulse.live.LiveJob;
import org.hotlinepulse.live.RetainedState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/**
 * {@code hotline-pulse run}: the streaming job, Kafka in, PostgreSQL and Kafka out, on an embedded
 * cluster with {@code java -jar}; a Flink cluster starts the same job through {@link ClusterEntry}.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the hotline-metrics streaming job: CDRs from Kafka, metrics to "
                + "PostgreSQL and Kafka, line-health alerts to Kafka, PostgreSQL and Alertmanager, "
                + "bad and late records to their dead-letter topics. "
                + "Migrates the database schema first. Resumes from the newest checkpoint or savepoint "
                + "kept in runtime.checkpoint_dir and the savepoint directory; on SIGTERM or SIGINT "
                + "stops with a savepoint there and exits 0.",
                "Secrets come from the environment: HOTLINE_PULSE_JDBC_PASSWORD(_FILE), "
                        + "HOTLINE_PULSE_KAFKA_SASL_JAAS_CONFIG, HOTLINE_PULSE_HMAC_KEY(_FILE)."})
final class RunCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "Job configuration, e.g. jobs/hotline-metrics.yaml.")
    Path config;

    @Option(names = "--from-savepoint", paramLabel = "PATH",
            description = "Resume from this savepoint (or retained checkpoint) instead of the newest "
                    + "one in runtime.checkpoint_dir and the savepoint directory.")
    String fromSavepoint;

    @Option(names = "--fresh-state",
            description = "Start with empty state although the consumer group has committed offsets "
                    + "(or checkpoints exist): counting starts again from those offsets, so rows of "
                    + "windows open at the last stop are overwritten with partial counts.")
    boolean freshState;

    @Option(names = "--allow-non-restored-state",
            description = "Resume although the checkpoint or savepoint holds state of an operator this build "
                    + "no longer has (an upgrade that removed or merged operators: docs/live.md); that "
                    + "state is dropped instead of refused.")
    boolean allowNonRestoredState;

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = System.getenv();
        try {
            JobConfig jobConfig = load(config, env);
            JobClient job = submit(jobConfig, env);
            SavepointOnSignal stop = SavepointOnSignal.install(job, jobConfig.runtime().savepoints(), System.err);
            try {
                job.getJobExecutionResult().get();
            } catch (ExecutionException e) {
                if (!stop.requested()) {
                    throw e;
                }
            }
            return stop.requested() ? stop.awaitExitCode() : 0;
        } catch (UsageError e) {
            System.err.println("hotline-pulse run: " + e.getMessage());
            return 2;
        } catch (DatabaseException | IOException e) {
            System.err.println("hotline-pulse run: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Everything {@code run} does before the job runs: chooses the state to start from, migrates the
     * schema, loads the directory, and submits the job to the environment of this process (an
     * embedded cluster, or the cluster whose client runs this code: {@link ClusterEntry}).
     */
    JobClient submit(JobConfig jobConfig, Map<String, String> env) throws Exception {
        StartingState start = startingState(jobConfig, env);
        System.err.println("hotline-pulse run: " + start.description());
        Migrations.Result schema = Migrations.migrate(jobConfig.jdbc(), env);
        System.err.println("hotline-pulse run: database schema at version "
                + schema.schemaVersion() + " (" + schema.migrationsApplied() + " migrations applied)");
        Directory directory = initialDirectory(jobConfig, env);
        return new LiveJob(jobConfig, directory, env).start(start.restoreFrom(), allowNonRestoredState);
    }

    private StartingState startingState(JobConfig jobConfig, Map<String, String> env)
            throws UsageError, IOException {
        RuntimeConfig runtime = jobConfig.runtime();
        if (runtime.checkpointDir() == null) {
            throw new UsageError(config + ": runtime.checkpoint_dir: required by run, which resumes from"
                    + " the checkpoints kept there: set durable storage such as"
                    + " file:///var/lib/hotline-pulse/checkpoints (or " + JobConfigLoader.CHECKPOINT_DIR_VARIABLE + ")");
        }
        KafkaConfig kafka = jobConfig.kafka();
        return StartingState.choose(fromSavepoint, freshState,
                RetainedState.newest(runtime.checkpointDir(), runtime.savepoints()),
                runtime.checkpointDir() + " and " + runtime.savepoints(),
                "consumer group " + kafka.groupId() + " on " + kafka.topics().cdr(),
                () -> CommittedOffsets.onCdrTopic(kafka, env));
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
