package org.hotlinepulse.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@code hotline-pulse} command as a process of its own, started with this JVM's class path, its output in a
 * log file, so that a test can kill it (SIGKILL) or stop it (SIGTERM) as an operator or a crash would. It logs
 * warnings (and the job's state changes, for {@code run}) as {@code log4j2-run-process.properties} says. The
 * commands' own helpers ({@link RunProcess}, {@link IngestProcess}) start it.
 */
public class HotlinePulseProcess implements AutoCloseable {
    private final String command;
    private final Process process;
    private final Path log;

    protected HotlinePulseProcess(String command, Process process, Path log) {
        this.command = command;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code hotline-pulse ARGUMENTS...} in a JVM with {@code jvmOptions} (e.g. {@code -Xmx256m}), writing
     * everything it prints to {@code log} (its folder is created; keep it outside temporary folders to read it
     * after a failure). {@code environment} edits the child's environment, which starts as this JVM's.
     */
    protected static Process launch(List<String> jvmOptions, Consumer<Map<String, String>> environment, Path log,
                                    List<String> arguments) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dlog4j2.configurationFile=log4j2-run-process.properties",
                "-cp", System.getProperty("java.class.path"), "org.hotlinepulse.cli.HotlinePulse"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        environment.accept(builder.environment());
        return builder.start();
    }

    /** Everything the process has printed so far. */
    public String output() throws IOException {
        return Files.readString(log);
    }

    /** The file the process prints to. */
    public Path log() {
        return log;
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
