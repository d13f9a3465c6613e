package org.hotlinepulse.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code hotline-pulse ingest} as a process of its own (see {@link HotlinePulseProcess}), so that a test can kill
 * it (SIGKILL) in the middle of its work, or stop it (SIGTERM) as an operator would, and start it again.
 */
public final class IngestProcess extends HotlinePulseProcess {

    /** How long {@link #stop()} waits for ingest to finish the piece in hand and exit. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /**
     * A small heap, and a JVM that starts quickly (C1 only, serial GC): a test starts ingest again and again, and
     * each piece of work it does is small.
     */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC");

    private IngestProcess(Process process, Path log) {
        super("ingest", process, log);
    }

    /**
     * Starts {@code ingest ARGUMENTS...}, writing everything it prints to {@code log}. Its environment is this
     * JVM's without any {@code HOTLINE_PULSE_*} variable (so that a developer's own settings cannot leak in), plus
     * {@code environment}: e.g. {@code HOTLINE_PULSE_HMAC_KEY} and {@code HOTLINE_PULSE_KAFKA_BOOTSTRAP_SERVERS},
     * through which ingest finds Kafka without {@code --config}.
     */
    public static IngestProcess start(Map<String, String> environment, Path log, String... arguments)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("ingest"));
        command.addAll(List.of(arguments));
        return new IngestProcess(launch(JVM_OPTIONS, env -> {
            env.keySet().removeIf(name -> name.startsWith("HOTLINE_PULSE_"));
            env.putAll(environment);
        }, log, command), log);
    }

    /** SIGTERM, waiting at most {@link #STOP_TIMEOUT} for it to end; returns its exit code. */
    public int stop() throws Exception {
        return terminate(STOP_TIMEOUT);
    }
}
