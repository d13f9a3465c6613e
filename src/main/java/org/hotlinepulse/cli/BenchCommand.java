package org.hotlinepulse.cli;

import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.bench.ParserInput;
import org.hotlinepulse.bench.ParserInputFiles;
import org.hotlinepulse.bench.ParserMeasurer;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.cdr.CdrJson;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.replay.Replay;
import org.hotlinepulse.replay.ReplaySummary;
import org.hotlinepulse.simulate.SimulationSettings;
import org.hotlinepulse.simulate.SyntheticDirectory;
import org.hotlinepulse.simulate.TrafficSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code hotline-pulse bench}: generates a CDR file and replays it, printing records per second.
 * The figure includes Flink's start-up, file reading and parsing, and writing the outputs.
 * With {@code --parsers}: the throughput of each format's reader alone (package {@code org.hotlinepulse.bench}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures replay throughput: generates CDRs for many lines, replays them "
                + "and prints CDRs per second. With --parsers: the records per second of each CDR format's reader.")
final class BenchCommand implements Callable<Integer> {
    private static final long REPLAY_CDRS = 1_000_000;
    private static final long PARSER_CDRS = 300_000;
    /** The pseudonymiser's key in --parsers: fixed, 32 bytes; hashing every caller is part of the cost. */
    private static final byte[] PARSER_KEY = "hotline-pulse parser bench key!!".getBytes(StandardCharsets.US_ASCII);

    @Option(names = "--parsers", description = "Measure each CDR format's reader instead of a replay: writes the "
            + "same calls in every format, reads each file once to warm up, then 3 times, and prints the fastest.")
    boolean parsers;

    @Option(names = "--cdrs", description = "CDRs to generate (default: " + REPLAY_CDRS + ", with --parsers "
            + PARSER_CDRS + ").")
    Long cdrs;

    @Option(names = "--lines", defaultValue = "10000", description = "Lines in the directory (default: ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = "--calls-per-hour", defaultValue = "30", description = "Mean calls per hour per line (default: ${DEFAULT-VALUE}).")
    double callsPerHour;

    @Option(names = "--parallelism", defaultValue = "0", description = "Job parallelism (default: one per core).")
    int parallelism;

    @Option(names = "--work-dir", description = "Folder for the generated input and the outputs (default: a new temporary folder).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        if (parsers) {
            return parsers();
        }
        long cdrs = this.cdrs != null ? this.cdrs : REPLAY_CDRS;
        Path dir = workDir != null ? Files.createDirectories(workDir)
                : Files.createTempDirectory("hotline-pulse-bench");
        SyntheticDirectory directory = new SyntheticDirectory(lines, 100);
        Path directoryFile = dir.resolve("directory.yaml");
        directory.writeYaml(directoryFile);

        Path cdrFile = dir.resolve("cdrs.jsonl");
        // 5 % more traffic than needed, so that the Poisson arrivals reach the requested count.
        Duration span = Duration.ofMillis(Math.round(cdrs * 1.05 / (callsPerHour * lines) * 3_600_000));
        long written = 0;
        long started = System.nanoTime();
        try (BufferedWriter out = Files.newBufferedWriter(cdrFile, StandardCharsets.UTF_8)) {
            TrafficSimulator generator = new TrafficSimulator(directory.directory(),
                    SimulationSettings.healthy(42, Instant.parse("2026-10-12T00:00:00Z"), span, callsPerHour));
            while (generator.hasNext() && written < cdrs) {
                Cdr cdr = generator.next();
                out.write(CdrJson.toJson(cdr));
                out.newLine();
                written++;
            }
        }
        System.out.printf(Locale.ROOT, "generated %d CDRs over %d lines (%s of traffic) in %.1f s: %s%n",
                written, lines, span, (System.nanoTime() - started) / 1e9, cdrFile);

        ReplaySummary summary = new Replay(JobConfig.DEFAULTS, Directory.load(directoryFile),
                List.of(cdrFile), CdrFormat.JSONL, new CallerPseudonymiser(new byte[32]),
                dir.resolve("out"), parallelism).run();
        System.out.println("bench: " + summary.line());
        System.out.printf(Locale.ROOT, "bench: replay throughput %.0f CDR/s (parallelism %s, %d cores)%n",
                summary.read() / summary.seconds(),
                parallelism > 0 ? String.valueOf(parallelism) : "default",
                Runtime.getRuntime().availableProcessors());
        return 0;
    }

    private int parsers() throws IOException {
        long records = cdrs != null ? cdrs : PARSER_CDRS;
        Path dir = workDir != null ? Files.createDirectories(workDir)
                : Files.createTempDirectory("hotline-pulse-bench-parsers");
        try {
            long started = System.nanoTime();
            List<ParserInput> inputs = new ParserInputFiles(dir, records).write();
            System.out.printf(Locale.ROOT, "parsers: generated %d calls in %d formats in %.1f s: %s%n", records,
                    inputs.size(), (System.nanoTime() - started) / 1e9, dir);
            ParserMeasurer measurer = new ParserMeasurer(new CallerPseudonymiser(PARSER_KEY), 3);
            for (ParserInput input : inputs) {
                System.out.println(measurer.measure(input).line());
            }
            System.out.printf(Locale.ROOT, "parsers: one thread, best of 3 passes after a warm-up, %d cores%n",
                    Runtime.getRuntime().availableProcessors());
            return 0;
        } finally {
            if (workDir == null) {
                deleteTree(dir);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
