package org.hotlinepulse.bench;

import org.hotlinepulse.bench.PerLineState.Backend;
import org.hotlinepulse.bench.PerLineState.Checkpoint;
import org.hotlinepulse.bench.PerLineState.Operator;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.simulate.SyntheticDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Prints the state per line of each half of the keyed per-line operator (line windows, line health)
 * on the heap and on RocksDB: {@code bench.lines} 24x7 lines, 30 calls an hour each for
 * {@code bench.hours} hours of event time, the watermark 10 min behind the latest start; then the
 * half's values, serialized as a checkpoint holds them, in bytes and per line. On the heap backend it also prints the
 * heap the operator's state takes (used heap after a GC, before and after the traffic: an estimate). Asserts
 * nothing; {@link PerLineStateHarnessTest} keeps the bounds.
 *
 * <p>{@code mvn -q -B test-compile exec:exec -Dbench.main=org.hotlinepulse.bench.StateSizeBench
 * -Dbench.lines=10000 -Dbench.hours=2}; {@code -Dbench.operators=LINE_HEALTH} or {@code -Dbench.backends=ROCKSDB}
 * (run directly with java) measures one of them.
 */
public final class StateSizeBench {
    static final int LINES = Integer.getInteger("bench.lines", 10_000);
    static final double HOURS = Double.parseDouble(System.getProperty("bench.hours", "2"));
    static final List<Operator> OPERATORS = Stream.of(
            System.getProperty("bench.operators", "LINE_WINDOWS,LINE_HEALTH").split(",")).map(Operator::valueOf).toList();
    static final List<Backend> BACKENDS = Arrays.stream(
            System.getProperty("bench.backends", "HEAP,ROCKSDB").split(",")).map(Backend::valueOf).toList();
    static final double CALLS_PER_HOUR = 30;
    static final Instant FROM = Instant.parse("2026-10-12T00:00:00Z");

    public static void main(String[] args) throws Exception {
        // Built, not parsed: the YAML of 100,000 lines is beyond the loader's limit on a document.
        Directory directory = SyntheticDirectory.alwaysOpen(new SyntheticDirectory(LINES, 10).numbers());
        Duration traffic = Duration.ofSeconds(Math.round(HOURS * 3600));
        System.out.printf(Locale.ROOT, "%,d lines, %.0f calls/h each for %s of event time%n", LINES, CALLS_PER_HOUR, traffic);
        System.out.println("operator | backend | state bytes | bytes/line | keys | timers | heap bytes/line (estimate) | seconds");
        for (Operator operator : OPERATORS) {
            for (Backend backend : BACKENDS) {
                measure(operator, backend, directory, traffic);
            }
        }
    }

    private static void measure(Operator operator, Backend backend, Directory directory, Duration traffic)
            throws Exception {
        Path checkpoints = Files.createTempDirectory("hotline-pulse-state-size");
        long began = System.nanoTime();
        try (PerLineState state = PerLineState.open(operator, directory, backend, checkpoints)) {
            long heapBefore = usedHeap();
            state.traffic(directory, FROM, traffic, CALLS_PER_HOUR, 42);
            String heapPerLine = backend == Backend.HEAP
                    ? String.format(Locale.ROOT, "%,d", (usedHeap() - heapBefore) / LINES) : "-";
            Checkpoint checkpoint = state.checkpoint();
            System.out.printf(Locale.ROOT, "%s | %s | %,d | %,d | %,d | %,d | %s | %.0f%n", operator, backend,
                    checkpoint.keyedBytes(), checkpoint.keyedBytes() / LINES, checkpoint.keys(), checkpoint.timers(),
                    heapPerLine, (System.nanoTime() - began) / 1e9);
        } finally {
            deleteTree(checkpoints);
        }
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
