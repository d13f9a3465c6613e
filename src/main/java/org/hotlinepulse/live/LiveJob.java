package org.hotlinepulse.live;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.FileUtils;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.config.RuntimeConfig;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.job.EventTime;
import org.hotlinepulse.job.DirectoryUpdates;
import org.hotlinepulse.job.HotlineMetricsJob;
import org.hotlinepulse.job.JobSinks;
import org.hotlinepulse.kafka.CdrDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The streaming job as {@code run} deploys it: CDRs from Kafka with per-partition watermarks,
 * checkpoints holding the offsets and all state, the directory reloaded while running, and the
 * live sinks. The job graph itself is {@link HotlineMetricsJob}.
 */
public final class LiveJob {
    /**
     * The number of key groups keyed state is split into: the most subtasks any keyed operator can
     * ever run with, fixed for the life of the state (a checkpoint or savepoint cannot be restored
     * with another). 128 is what Flink derived for every parallelism up to 85 before it was set
     * here, so the checkpoints and savepoints of earlier versions stay restorable (docs/cluster.md).
     */
    public static final int MAX_PARALLELISM = 128;
    /** The factory of Flink's Prometheus reporter, which serves {@code /metrics} on the configured port. */
    static final String PROMETHEUS_REPORTER_FACTORY = "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";

    private final JobConfig config;
    private final Directory directory;
    private final Map<String, String> env;
    private String temporaryCheckpoints;

    public LiveJob(JobConfig config, Directory directory, Map<String, String> env) {
        this.config = config;
        this.directory = directory;
        this.env = env;
    }

    /**
     * The Flink configuration: checkpoints kept when the job fails or is cancelled (a new
     * {@code run} resumes from them), savepoints, restarts with exponential back-off that never
     * give up, object reuse, the maximum parallelism, and the Prometheus reporter when
     * {@code monitoring.prometheus_port} is set.
     */
    public Configuration flinkConfiguration() {
        RuntimeConfig runtime = config.runtime();
        Configuration flink = new Configuration();
        flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, runtime.checkpointInterval());
        flink.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        flink.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (runtime.checkpointDir() != null) {
            flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, runtime.checkpointDir());
            flink.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, runtime.savepoints());
        } else {
            flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, temporaryCheckpoints());
        }
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
                runtime.restartBackoffInitial());
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
                runtime.restartBackoffMax());
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER, 2.0);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD,
                runtime.restartBackoffResetAfter());
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        flink.set(PipelineOptions.OBJECT_REUSE, true);
        flink.set(PipelineOptions.MAX_PARALLELISM, MAX_PARALLELISM);
        flink.set(StateBackendOptions.STATE_BACKEND, runtime.stateBackend().flinkName());
        if (config.monitoring().prometheus()) {
            flink.setString("metrics.reporter.prom.factory.class", PROMETHEUS_REPORTER_FACTORY);
            flink.setString("metrics.reporter.prom.port", String.valueOf(config.monitoring().prometheusPort()));
            // Label values as the data has them (pbx-a, a department id), not with '-' and the like made '_'.
            flink.setString("metrics.reporter.prom.filterLabelValueCharacters", "false");
        }
        return flink;
    }

    /**
     * Where checkpoints go when none is configured ({@code demo}, tests, benchmarks; {@code run}
     * requires one): a temporary directory, removed when the JVM exits. Without a directory Flink
     * keeps checkpoints in the JobManager's memory, which refuses more than 5 MB of state per task:
     * with a few thousand lines every checkpoint failed and the job restarted from the last one
     * that had fit, for ever (the 300,000-CDR live benchmark that never finished).
     */
    private synchronized String temporaryCheckpoints() {
        if (temporaryCheckpoints == null) {
            try {
                Path dir = Files.createTempDirectory("hotline-pulse-checkpoints");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> FileUtils.deleteDirectoryQuietly(dir.toFile())));
                temporaryCheckpoints = dir.toUri().toString();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary checkpoint directory", e);
            }
        }
        return temporaryCheckpoints;
    }

    /** Reads Avro CDRs from the start of the topic on first start, from the checkpoint after. */
    public KafkaSource<InputRecord> cdrSource() {
        return cdrSource(new CdrDeserializer());
    }

    public KafkaSource<InputRecord> cdrSource(KafkaRecordDeserializationSchema<InputRecord> deserializer) {
        return KafkaSource.<InputRecord>builder()
                .setBootstrapServers(config.kafka().bootstrapServers())
                .setProperties(config.kafka().clientProperties(env))
                // ingest --follow publishes in transactions: a piece it did not commit never counts.
                .setProperty("isolation.level", "read_committed")
                .setTopics(config.kafka().topics().cdr())
                .setGroupId(config.kafka().groupId())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(deserializer)
                .build();
    }

    /** Adds the job to the environment, reading CDRs from the given source (normally {@link #cdrSource()}). */
    public void buildOn(StreamExecutionEnvironment flinkEnv,
                        org.apache.flink.api.connector.source.Source<InputRecord, ?, ?> cdrs,
                        JobSinks sinks) {
        if (config.runtime().parallelism() > 0) {
            flinkEnv.setParallelism(config.runtime().parallelism());
        }
        new HotlineMetricsJob(config, directory, cdrs,
                EventTime.live(config.metrics().maxOutOfOrderness(), config.runtime().quietPartitionAfter()),
                DirectoryUpdates.every(config.directory().reloadInterval(),
                        DirectoryUpdates.loaderFor(config.directory(), config.jdbc()),
                        directory),
                sinks)
                .buildOn(flinkEnv);
    }

    /**
     * Submits the job to the environment of this process (an embedded cluster with
     * {@code java -jar}, the cluster with {@code flink run}) and returns without waiting.
     *
     * @param restoreFrom a checkpoint or savepoint to resume from, or null to start with empty state
     * @param allowNonRestoredState whether state of an operator this build no longer has is dropped
     *     rather than refused (docs/live.md, upgrades)
     */
    public JobClient start(String restoreFrom, boolean allowNonRestoredState) throws Exception {
        StreamExecutionEnvironment flinkEnv =
                StreamExecutionEnvironment.getExecutionEnvironment(restoring(restoreFrom, allowNonRestoredState));
        buildOn(flinkEnv, cdrSource(), new LiveSinks(config, env));
        return flinkEnv.executeAsync("hotline-metrics");
    }

    /** {@link #flinkConfiguration()}, resuming from {@code restoreFrom} when it is not null. */
    Configuration restoring(String restoreFrom, boolean allowNonRestoredState) {
        Configuration flink = flinkConfiguration();
        if (restoreFrom != null) {
            flink.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
            flink.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, allowNonRestoredState);
        }
        return flink;
    }
}
