package org.hotlinepulse.cli;

import org.hotlinepulse.bench.ParserInput;
import org.hotlinepulse.bench.ParserInputFiles;
import org.hotlinepulse.bench.ParserMeasurer;
import org.hotlinepulse.bench.ReplayBench;
import org.hotlinepulse.bench.ReplayBenchInput;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.replay.ReplaySummary;
import org.hotlinepulse.simulate.SyntheticDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code hotline-pulse bench}: generates a CDR file (wire or JSON Lines) and replays it through the whole job with
 * checkpoints every 10 s ({@link ReplayBench}): a warm-up run, then once with the metrics rows discarded and once
 * written to metrics.csv, printing CDRs per second from the first record read. With {@code --parsers}: the
 * throughput of each format's reader alone (package {@code org.hotlinepulse.bench}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures replay throughput: generates CDRs for many lines, replays them through the whole job "
                + "with checkpoints every 10 s (after a warm-up: once discarding the metrics rows, once writing "
                + "metrics.csv) and prints CDRs per second from the first record. With --parsers: the records per "
                + "second of each CDR format's reader.")
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

    @Option(names = "--input", defaultValue = "wire", paramLabel = "FORMAT", description = "Input of the replays: "
            + "wire (length-prefixed Kafka messages, Avro single-object encoding) or jsonl (default: ${DEFAULT-VALUE}).")
    String input;

    @Option(names = "--work-dir", description = "Folder for the generated input, the outputs and the checkpoints "
            + "(default: a new temporary folder, deleted at the end).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        if (parsers) {
            return parsers();
        }
        CdrFormat format;
        try {
            format = inputFormat();
        } catch (UsageError e) {
            System.err.println("hotline-pulse bench: " + e.getMessage());
            return 2;
        }
        long cdrs = this.cdrs != null ? this.cdrs : REPLAY_CDRS;
        Path dir = workDir != null ? Files.createDirectories(workDir)
                : Files.createTempDirectory("hotline-pulse-bench");
        try {
            replays(format, cdrs, dir);
            return 0;
        } finally {
            if (workDir == null) {
                deleteTree(dir);
            }
        }
    }

    private CdrFormat inputFormat() throws UsageError {
        for (CdrFormat format : List.of(CdrFormat.WIRE, CdrFormat.JSONL)) {
            if (format.cliName().equals(input.strip())) {
                return format;
            }
        }
        throw new UsageError("--input: \"" + input + "\" is not an input of bench: use wire or jsonl");
    }

    private void replays(CdrFormat format, long cdrs, Path dir) throws Exception {
        SyntheticDirectory directory = new SyntheticDirectory(lines, 100);
        Path directoryFile = dir.resolve("directory.yaml");
        directory.writeYaml(directoryFile);
        ReplayBenchInput input = new ReplayBenchInput(directory, callsPerHour, format);
        Path cdrFile = dir.resolve("cdrs." + format.cliName());
        long started = System.nanoTime();
        long written = input.write(cdrFile, cdrs);
        System.out.printf(Locale.ROOT, "generated %d CDRs over %d lines in %.1f s: %s (%s, %.1f MB)%n",
                written, lines, (System.nanoTime() - started) / 1e9, cdrFile, format.cliName(),
                Files.size(cdrFile) / 1e6);

        ReplayBench bench = new ReplayBench(Directory.load(directoryFile), format, dir, parallelism);
        // A whole run first: after a shorter warm-up the first measured run was still the slower, whichever it was.
        System.out.println(runLine("run 1, warm-up (discarding sink, not a figure)", bench.run("warm-up", cdrFile, false)));
        ReplaySummary discarded = bench.run("discarding", cdrFile, false);
        System.out.println(runLine("run 2, discarding sink", discarded));
        ReplaySummary csv = bench.run("metrics-csv", cdrFile, true);
        System.out.println(runLine("run 3, metrics.csv writer", csv));
        System.out.printf(Locale.ROOT, "bench: discarding sink %,.0f CDR/s, metrics.csv writer %,.0f CDR/s%n",
                discarded.processingRate(), csv.processingRate());
        System.out.printf(Locale.ROOT, "bench: replay throughput %,.0f CDR/s (%s input, metrics.csv writer, checkpoints"
                        + " every %d s, from the first record; parallelism %s, %d cores)%n",
                csv.processingRate(), format.cliName(), ReplayBench.CHECKPOINT_INTERVAL.toSeconds(),
                parallelism > 0 ? String.valueOf(parallelism) : "default", Runtime.getRuntime().availableProcessors());
    }

    /** One run: what it read and wrote, and its rate from the first record to the last metrics row out. */
    private static String runLine(String label, ReplaySummary summary) {
        return String.format(Locale.ROOT, "bench: %s: read %d records (%d rejected), %d metrics rows;"
                        + " %.1f s from the first record to the last row (%.1f s with start-up and the last"
                        + " checkpoint): %,.0f CDR/s",
                label, summary.read(), summary.rejected(), summary.metricsRows(), summary.processingSeconds(),
                summary.seconds(), summary.processingRate());
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
