package org.hotlinepulse.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code hotline-pulse ingest} as a process of its own, as an operator runs it next to the PBX:
 * this JVM's class path, the environment given (the HMAC key, the Kafka brokers), stdout and
 * stderr together in a log file under {@code target/ingest-process/}, kept for reading after a
 * failure. {@code --listen} and {@code --follow} end only on a signal: {@link #stop} (SIGTERM) or
 * {@link #kill} (SIGKILL).
 */
public final class IngestProcess implements AutoCloseable {
    private final RunProcess process;

    private IngestProcess(RunProcess process) {
        this.process = process;
    }

    /** Starts {@code ingest ARGS...} with {@code env} added to this process's environment. */
    public static IngestProcess start(List<String> args, Map<String, String> env) throws IOException {
        Path folder = Files.createDirectories(Path.of("target", "ingest-process"));
        return new IngestProcess(RunProcess.start("ingest", args, env, "-Xmx256m",
                Files.createTempFile(folder, "ingest-", ".log")));
    }

    /** Everything the process has printed so far. */
    public String output() throws IOException {
        return process.output();
    }

    /** Waits until the output contains {@code text}; fails with the output if the process ends or time runs out. */
    public void awaitOutput(String text, Duration timeout) throws Exception {
        process.awaitOutput(text, timeout);
    }

    /** SIGTERM, as an operator or a service manager stops it; returns its exit code (within 30 s). */
    public int stop() throws Exception {
        return process.terminate(Duration.ofSeconds(30));
    }

    /** SIGKILL, as a crash would end it; returns once it is gone. */
    public void kill() throws InterruptedException {
        process.kill();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
