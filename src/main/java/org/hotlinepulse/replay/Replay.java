package org.hotlinepulse.replay;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.job.EventTime;
import org.hotlinepulse.job.HotlineMetricsJob;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A bounded run of the job over CDR files: the {@code replay} command. It runs in streaming
 * mode over bounded input so that watermarks, lateness and upserts behave as in the live job;
 * the end of input flushes every window.
 */
public final class Replay {
    private final JobConfig config;
    private final Directory directory;
    private final List<Path> cdrFiles;
    private final CdrFormat format;
    private final CdrInputOptions inputOptions;
    private final CallerPseudonymiser pseudonymiser;
    private final Path outDir;
    private final int parallelism;
    private Duration checkpointInterval;
    private Path checkpointDir;
    private boolean writeMetrics = true;

    public Replay(JobConfig config, Directory directory, List<Path> cdrFiles, CdrFormat format,
                  CallerPseudonymiser pseudonymiser, Path outDir, int parallelism) {
        this(config, directory, cdrFiles, format, CdrInputOptions.DEFAULTS, pseudonymiser, outDir, parallelism);
    }

    /** A replay of files of a PBX or vendor format, read with these options (zone, source, queue_log, mapping). */
    public Replay(JobConfig config, Directory directory, List<Path> cdrFiles, CdrFormat format,
                  CdrInputOptions inputOptions, CallerPseudonymiser pseudonymiser, Path outDir, int parallelism) {
        this.inputOptions = inputOptions;
        this.config = config;
        this.directory = directory;
        this.cdrFiles = List.copyOf(cdrFiles);
        this.format = format;
        this.pseudonymiser = pseudonymiser;
        this.outDir = outDir;
        this.parallelism = parallelism;
    }

    /**
     * Takes checkpoints of all state into dir every interval, as the live job does: what a bounded run costs with
     * the live job's fault tolerance. A replay does not restore from them.
     */
    public Replay checkpointingEvery(Duration interval, Path dir) {
        this.checkpointInterval = interval;
        this.checkpointDir = dir;
        return this;
    }

    /** Counts the metrics rows and drops them instead of writing {@code metrics.csv}: the job without its writer. */
    public Replay discardingMetrics() {
        this.writeMetrics = false;
        return this;
    }

    /**
     * Runs the job to the end of its input and returns what it counted.
     *
     * @throws ReplayFailedException when the job failed; its outputs are then removed
     */
    public ReplaySummary run() throws Exception {
        Files.createDirectories(outDir);
        Configuration flinkConfig = new Configuration();
        flinkConfig.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
        flinkConfig.set(PipelineOptions.OBJECT_REUSE, true);
        if (checkpointInterval != null) {
            flinkConfig.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
            flinkConfig.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.toUri().toString());
            // The sources of a bounded job finish long before the operators behind them: without this,
            // checkpointing stops at that moment.
            flinkConfig.set(CheckpointingOptions.ENABLE_CHECKPOINTS_AFTER_TASKS_FINISH, true);
        }
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(flinkConfig);
        if (parallelism > 0) {
            env.setParallelism(parallelism);
        }
        ReplayOutputs outputs = new ReplayOutputs(outDir, writeMetrics);
        new HotlineMetricsJob(config, directory,
                new FileCdrSource(cdrFiles, format, inputOptions, pseudonymiser),
                EventTime.ofInput(config.metrics().maxOutOfOrderness()), null, outputs)
                .buildOn(env);

        long started = System.nanoTime();
        JobExecutionResult result;
        try {
            result = env.execute("hotline-pulse replay");
        } catch (Exception e) {
            outputs.discard();
            throw new ReplayFailedException(e);
        }
        outputs.writeAlertEpisodes();
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> accumulators = result.getAllAccumulatorResults();
        if (!writeMetrics) {
            return ReplaySummary.of(accumulators, DiscardedMetricsRows.rows(accumulators), seconds,
                    DiscardedMetricsRows.lastRowAt(accumulators));
        }
        Path metrics = outDir.resolve(ReplayOutputs.METRICS);
        // The writer finishes the file after the last row, at the end of input: its time is when the rows were out.
        return ReplaySummary.of(accumulators, dataLines(metrics), seconds,
                Files.getLastModifiedTime(metrics).toMillis());
    }

    private static long dataLines(Path csv) {
        try (Stream<String> lines = Files.lines(csv)) {
            return Math.max(0, lines.count() - 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
