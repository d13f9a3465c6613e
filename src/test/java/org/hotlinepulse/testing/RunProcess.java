package org.hotlinepulse.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code hotline-pulse run} as a process of its own (see {@link HotlinePulseProcess}), so that a test can kill it
 * (SIGKILL) or stop it (SIGTERM) as an operator or a crash would, and count the job's restarts in its log.
 */
public final class RunProcess extends HotlinePulseProcess {

    private RunProcess(Process process, Path log) {
        super("run", process, log);
    }

    /**
     * Starts {@code run --config CONFIG EXTRA...} with this JVM's environment, writing everything it prints to
     * {@code log} (its folder is created; keep it outside temporary folders to read it after a failure).
     */
    public static RunProcess start(Path config, Path log, String... extra) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("run", "--config", config.toString()));
        arguments.addAll(List.of(extra));
        return new RunProcess(launch(List.of("-Xmx768m"), environment -> { }, log, arguments), log);
    }

    /** How often the job has switched to RESTARTING so far. */
    public long restarts() throws IOException {
        return output().lines().filter(line -> line.contains("to RESTARTING")).count();
    }
}
