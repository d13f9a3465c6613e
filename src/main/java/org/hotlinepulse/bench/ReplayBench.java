package org.hotlinepulse.bench;

import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.replay.Replay;
import org.hotlinepulse.replay.ReplaySummary;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Replays a generated input through the whole job (validation, de-duplication, metrics, every alert detector) with
 * checkpoints every {@link #CHECKPOINT_INTERVAL}, as {@code bench} does: each run in a folder of its own under the
 * work folder, with the metrics rows discarded or written to {@code metrics.csv}.
 */
public final class ReplayBench {
    /** The live job's default interval (jobs/hotline-metrics.yaml). */
    public static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    private final Directory directory;
    private final CdrFormat format;
    private final Path workDir;
    private final int parallelism;

    public ReplayBench(Directory directory, CdrFormat format, Path workDir, int parallelism) {
        this.directory = directory;
        this.format = format;
        this.workDir = workDir;
        this.parallelism = parallelism;
    }

    /** One run over file, its outputs and checkpoints in the folder {@code name} of the work folder. */
    public ReplaySummary run(String name, Path file, boolean writeMetrics) throws Exception {
        Path runDir = workDir.resolve(name);
        Replay replay = new Replay(JobConfig.DEFAULTS, directory, List.of(file), format,
                new CallerPseudonymiser(new byte[32]), runDir.resolve("out"), parallelism)
                .checkpointingEvery(CHECKPOINT_INTERVAL, runDir.resolve("checkpoints"));
        return (writeMetrics ? replay : replay.discardingMetrics()).run();
    }
}
