package org.hotlinepulse.cli;

import org.hotlinepulse.avro.Cdr;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code hotline-pulse bench}: generates a CDR file and replays it, printing records per second.
 * The figure includes Flink's start-up, file reading and parsing, and writing the outputs.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures replay throughput: generates CDRs for many lines, replays them "
                + "and prints CDRs per second.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--cdrs", defaultValue = "1000000", description = "CDRs to generate (default: ${DEFAULT-VALUE}).")
    long cdrs;

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
}
