package org.hotlinepulse.cli;

import org.hotlinepulse.config.KafkaConfig;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.simulate.CdrOutput;
import org.hotlinepulse.simulate.Fault;
import org.hotlinepulse.simulate.FaultSpec;
import org.hotlinepulse.simulate.FaultSpecException;
import org.hotlinepulse.simulate.JsonLinesCdrOutput;
import org.hotlinepulse.simulate.KafkaCdrOutput;
import org.hotlinepulse.simulate.SimulationRun;
import org.hotlinepulse.simulate.SimulationSettings;
import org.hotlinepulse.simulate.SyntheticDirectory;
import org.hotlinepulse.simulate.TrafficSimulator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code hotline-pulse simulate}: realistic CDR traffic with injected faults, to a file or Kafka (docs/simulate.md). */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Generates realistic CDRs for the lines of a directory (Poisson arrivals in service "
                + "hours, a realistic outcome mix, CDRs written when calls end) with injected faults and "
                + "optional probe calls, to a JSON Lines file or the Kafka topic hotline.cdr.",
                "Fault spec: KIND:TARGET[@ONSET..REPAIR], e.g. busy:037167890001@+2h..+3h30m or "
                        + "silent:#3@2026-10-12T09:00+08:00..; kinds: out-of-service, busy, ivr-dead-end, "
                        + "silent, high-abandonment, unregistered, probe-failed (docs/simulate.md).",
                "With --to kafka: brokers, topic and client properties from the kafka section of --config "
                        + "(default: localhost:9092, topic hotline.cdr)."})
final class SimulateCommand implements Callable<Integer> {
    @ArgGroup(multiplicity = "1")
    Lines lines;

    static final class Lines {
        @Option(names = "--directory", paramLabel = "FILE", description = "The line directory (YAML) to simulate.")
        Path directory;

        @Option(names = "--lines", paramLabel = "N",
                description = "Simulate N synthetic lines with a realistic mix of departments and hours instead.")
        Integer count;
    }

    @Option(names = "--write-directory", paramLabel = "FILE",
            description = "With --lines: also write the synthetic directory as YAML, e.g. for replay.")
    Path writeDirectory;

    @Option(names = "--rate", paramLabel = "R",
            description = "Mean citizen calls per hour per line while the line is in service (closed: 10 %% of it); "
                    + "default: each line's expected_calls_per_hour, else 10.")
    Double rate;

    @Option(names = "--faults", paramLabel = "SPEC",
            description = "Faults to inject, separated by ';' or given by repeating the option.")
    List<String> faults = new ArrayList<>();

    @Option(names = "--probe-every", paramLabel = "DURATION",
            description = "Place one probe call per line this often (e.g. 5m); default: no probes.")
    String probeEvery;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed; the same seed and options give the same CDRs (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--from", paramLabel = "ISO",
            description = "Start of the simulated time, e.g. 2026-10-12T08:00+08:00 (default: now, to the minute).")
    String from;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "Simulated span, e.g. 2h or 1d; required for jsonl; without it Kafka output runs until stopped.")
    String duration;

    @Option(names = "--speed", paramLabel = "X",
            description = "Kafka only: pace the output so that event time runs X times faster than the wall clock "
                    + "(1 = real time); without --speed a bounded run writes as fast as it can, an unbounded one uses 1.")
    Double speed;

    @Option(names = "--to", required = true, paramLabel = "jsonl|kafka", description = "Where the CDRs go.")
    String to;

    @Option(names = "--out", paramLabel = "FILE", description = "With --to jsonl: the file to write (replaced).")
    Path out;

    @Mixin
    JobConfigOption config = new JobConfigOption();

    @Override
    public Integer call() throws Exception {
        try {
            Directory directory = directory();
            Instant start = from == null ? Instant.now().truncatedTo(ChronoUnit.MINUTES) : parseTime(from);
            Duration span = duration == null ? null : CommandInputs.positiveDuration("--duration", duration);
            List<Fault> parsedFaults = new ArrayList<>();
            for (String spec : faults) {
                parsedFaults.addAll(FaultSpec.parse(spec, start, directory));
            }
            SimulationSettings settings = new SimulationSettings(seed, start, span, checkedRate(),
                    probeEvery == null ? null : CommandInputs.positiveDuration("--probe-every", probeEvery), parsedFaults);
            TrafficSimulator simulator = new TrafficSimulator(directory, settings);
            return run(simulator, start, span);
        } catch (UsageError | FaultSpecException e) {
            System.err.println("hotline-pulse simulate: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("hotline-pulse simulate: " + e.getMessage());
            return 1;
        }
    }

    private int run(TrafficSimulator simulator, Instant start, Duration span)
            throws UsageError, IOException, InterruptedException {
        String target;
        CdrOutput output;
        Double pace = speed;
        if ("jsonl".equals(to)) {
            if (out == null || span == null) {
                throw new UsageError("--to jsonl needs --out FILE and --duration");
            }
            if (speed != null) {
                throw new UsageError("--speed is for --to kafka only; a file is written as fast as possible");
            }
            CommandInputs.requireUsableOutputFile(out);
            output = new JsonLinesCdrOutput(out);
            target = out.toString();
        } else if ("kafka".equals(to)) {
            if (out != null) {
                throw new UsageError("--out is for --to jsonl; Kafka output uses --config");
            }
            KafkaConfig kafka = config.kafka(System.getenv());
            output = new KafkaCdrOutput(kafka.clientProperties(System.getenv()), kafka.topics().cdr());
            target = "Kafka topic " + kafka.topics().cdr() + " at " + kafka.bootstrapServers();
            if (span == null && pace == null) {
                pace = 1.0;
            }
        } else {
            throw new UsageError("--to: \"" + to + "\" is not jsonl or kafka");
        }
        if (pace != null && span == null) {
            // A paced run without --duration ends only when stopped; it still says what it wrote.
            Runtime.getRuntime().addShutdownHook(new Thread(() ->
                    System.out.println("simulate: stopped after " + simulator.tally().line())));
        }
        long started = System.nanoTime();
        try (output) {
            SimulationRun run = new SimulationRun(simulator, output);
            if (pace == null) {
                run.asFastAsPossible();
            } else {
                run.paced(start.toEpochMilli(), pace);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "simulate: wrote %s to %s in %.1f s (%.0f CDR/s)%n",
                simulator.tally().line(), target, seconds, seconds > 0 ? simulator.tally().total() / seconds : 0.0);
        return 0;
    }

    private Directory directory() throws UsageError, IOException {
        if (lines.directory != null) {
            if (writeDirectory != null) {
                throw new UsageError("--write-directory is for --lines; --directory already names a file");
            }
            return CommandInputs.directory(lines.directory);
        }
        if (lines.count < 1) {
            throw new UsageError("--lines: " + lines.count + " must be 1 or more");
        }
        SyntheticDirectory synthetic = SyntheticDirectory.realistic(lines.count);
        if (writeDirectory != null) {
            CommandInputs.requireUsableOutputFile(writeDirectory);
            synthetic.writeYaml(writeDirectory);
        }
        return synthetic.directory();
    }

    private Double checkedRate() throws UsageError {
        if (rate != null && !(rate >= 0 && Double.isFinite(rate))) {
            throw new UsageError("--rate: " + rate + " must be zero or more calls per hour per line");
        }
        if (speed != null && !(speed > 0 && Double.isFinite(speed))) {
            throw new UsageError("--speed: " + speed + " must be more than 0");
        }
        return rate;
    }

    private static Instant parseTime(String text) throws UsageError {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new UsageError("--from: \"" + text + "\" is not an ISO time with offset, e.g. 2026-10-12T08:00+08:00");
        }
    }
}
