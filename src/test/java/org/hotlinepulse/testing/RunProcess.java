package org.hotlinepulse.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code hotline-pulse run} (or another command: {@link IngestProcess}) as a process of its own,
 * started with this JVM's class path, its output in a log file, so that a test can kill it
 * (SIGKILL) or stop it (SIGTERM) as an operator or a crash would. It logs warnings and the job's
 * state changes ({@code log4j2-run-process.properties}).
 */
public final class RunProcess implements AutoCloseable {
    private final String command;
    private final Process process;
    private final Path log;

    private RunProcess(String command, Process process, Path log) {
        this.command = command;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code run --config CONFIG EXTRA...}, writing everything it prints to {@code log}
     * (its folder is created; keep it outside temporary folders to read it after a failure).
     */
    public static RunProcess start(Path config, Path log, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("--config", config.toString()));
        args.addAll(List.of(extra));
        return start("run", args, Map.of(), "-Xmx768m", log);
    }

    /**
     * Starts {@code hotline-pulse COMMAND ARGS...} with {@code env} added to this process's
     * environment and at most {@code maxHeap} of heap, its output in {@code log} (its folder is created).
     */
    static RunProcess start(String command, List<String> args, Map<String, String> env, String maxHeap, Path log)
            throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        List<String> line = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                maxHeap, "-Dlog4j2.configurationFile=log4j2-run-process.properties",
                "-cp", System.getProperty("java.class.path"),
                "org.hotlinepulse.cli.HotlinePulse", command));
        line.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(line)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return new RunProcess(command, builder.start(), log);
    }

    /** Everything the process has printed so far. */
    public String output() throws IOException {
        return Files.readString(log);
    }

    /** Waits until the output contains {@code text}; fails with the output if the process ends or time runs out. */
    public void awaitOutput(String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output().contains(text)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(command + " did not print \"" + text + "\" within " + timeout
                        + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")")
                        + "; it printed:\n" + output());
            }
            Thread.sleep(200);
        }
    }

    /** How often the job has switched to RESTARTING so far. */
    public long restarts() throws IOException {
        return output().lines().filter(line -> line.contains("to RESTARTING")).count();
    }

    /** SIGKILL, as a crash or the OOM killer would end it; returns once it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, as an operator or a service manager stops it; returns its exit code. */
    public int terminate(Duration timeout) throws Exception {
        process.destroy();
        return awaitExit(timeout);
    }

    /** Waits for the process to end by itself; returns its exit code. */
    public int awaitExit(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(command + " still running after " + timeout + "; it printed:\n" + output());
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
