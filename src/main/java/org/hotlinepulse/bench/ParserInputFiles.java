package org.hotlinepulse.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.cdr.CdrJson;
import org.hotlinepulse.simulate.SimulationSettings;
import org.hotlinepulse.simulate.SyntheticDirectory;
import org.hotlinepulse.simulate.TrafficSimulator;
import org.hotlinepulse.simulate.WireFileCdrOutput;

/**
 * Writes the same simulated calls (a healthy day of a synthetic directory: varied lines and callers, answered
 * straight or through a voice menu and a queue, abandoned, busy, failed) in every format the product reads, into
 * a folder: cdrs.jsonl (raw callers, to hash), cdrs.avro, Master.csv and queue_log, freeswitch.csv,
 * freeswitch.jsonl, carrier.csv with its column mapping carrier.yaml.
 */
public final class ParserInputFiles {

    /** The PBXs' zone: local times in the PBX formats are written and read in it. */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final int LINES = 2_000;
    private static final double CALLS_PER_HOUR = 30;
    private static final String[] NAMES = {"Citizen", "Wang Wei", "Li Na", "Zhang Min", "CHEN JIE", "unknown", ""};
    private static final String MAPPING = """
            # A carrier's CDR export: header line, local times, its own result words.
            source: carrier-x
            separator: ","
            header: true
            timezone: Asia/Shanghai
            time_format: "yyyy-MM-dd HH:mm:ss"
            columns:
              call_id: CallRef
              line: CalledNumber
              caller: CallingNumber
              start_time: SetupTime
              answer_time: ConnectTime
              end_time: ReleaseTime
              outcome: Result
              release_cause: Cause
            outcomes:
              Connected: ANSWERED
              Busy: BUSY
              "No answer": NO_ANSWER
              Unreachable: FAILED
              "Caller hung up": ABANDONED
            """;

    private final Path dir;
    private final long calls;

    public ParserInputFiles(Path dir, long calls) {
        this.dir = dir;
        this.calls = calls;
    }

    /** Writes the files and returns the inputs to read, one per format (two for asterisk-csv). */
    public List<ParserInput> write() throws IOException {
        Files.createDirectories(dir);
        Path jsonl = dir.resolve("cdrs.jsonl");
        Path avro = dir.resolve("cdrs.avro");
        Path wire = dir.resolve("cdrs.wire");
        Path master = dir.resolve("Master.csv");
        Path queueLog = dir.resolve("queue_log");
        Path fsCsv = dir.resolve("freeswitch.csv");
        Path fsJson = dir.resolve("freeswitch.jsonl");
        Path carrier = dir.resolve("carrier.csv");
        Path mapping = dir.resolve("carrier.yaml");
        Files.writeString(mapping, MAPPING, StandardCharsets.UTF_8);
        AsteriskRows asterisk = new AsteriskRows(ZONE);
        FreeswitchRows freeswitch = new FreeswitchRows(ZONE);
        SyntheticDirectory directory = new SyntheticDirectory(LINES, 100);
        // 10 % more traffic than needed, so that the Poisson arrivals reach the requested count.
        Duration span = Duration.ofMillis(Math.round(calls * 1.1 / (CALLS_PER_HOUR * LINES) * 3_600_000) + 60_000);
        TrafficSimulator simulator = new TrafficSimulator(directory.directory(),
                SimulationSettings.healthy(7, Instant.parse("2026-10-12T00:00:00Z"), span, CALLS_PER_HOUR));
        SplittableRandom random = new SplittableRandom(11);
        long written = 0;
        try (Writer j = writer(jsonl); Writer m = writer(master); Writer q = writer(queueLog);
                Writer fc = writer(fsCsv); Writer fj = writer(fsJson); Writer c = writer(carrier);
                DataFileWriter<Cdr> a = new DataFileWriter<>(new SpecificDatumWriter<>(Cdr.class));
                WireFileCdrOutput w = new WireFileCdrOutput(wire)) {
            a.create(Cdr.getClassSchema(), avro.toFile());
            c.write("CallRef,CallingNumber,CalledNumber,SetupTime,ConnectTime,ReleaseTime,Result,Cause\n");
            while (written < calls && simulator.hasNext()) {
                Cdr cdr = simulator.next();
                BenchCall call = new BenchCall(written, cdr, caller(random), NAMES[random.nextInt(NAMES.length)]);
                a.append(cdr);
                w.write(cdr);
                j.write(jsonLine(call));
                m.write(asterisk.masterCsv(call));
                q.write(asterisk.queueLog(call));
                fc.write(freeswitch.csv(call));
                fj.write(freeswitch.json(call));
                c.write(carrierRow(call));
                written++;
            }
        }
        if (written < calls) {
            throw new IllegalStateException("the simulation gave " + written + " calls of the " + calls + " wanted");
        }
        CdrInputOptions pbx = new CdrInputOptions(null, ZONE, List.of(), null);
        return List.of(
                new ParserInput("jsonl", CdrFormat.JSONL, jsonl, List.of(), CdrInputOptions.DEFAULTS, written),
                new ParserInput("avro", CdrFormat.AVRO, avro, List.of(), CdrInputOptions.DEFAULTS, written),
                new ParserInput("wire", CdrFormat.WIRE, wire, List.of(), CdrInputOptions.DEFAULTS, written),
                new ParserInput("asterisk-csv", CdrFormat.ASTERISK_CSV, master, List.of(), pbx, written),
                new ParserInput("asterisk-csv+queue_log", CdrFormat.ASTERISK_CSV, master, List.of(queueLog),
                        new CdrInputOptions(null, ZONE, List.of(queueLog.toString()), null), written),
                new ParserInput("freeswitch-csv", CdrFormat.FREESWITCH_CSV, fsCsv, List.of(), pbx, written),
                new ParserInput("freeswitch-json", CdrFormat.FREESWITCH_JSON, fsJson, List.of(), pbx, written),
                new ParserInput("mapped-csv", CdrFormat.MAPPED_CSV, carrier, List.of(mapping),
                        new CdrInputOptions(null, ZONE, List.of(), mapping.toString()), written));
    }

    private static Writer writer(Path file) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
    }

    /**
     * A mobile number: a third of the calls come from 2,000 frequent callers, the rest from ten million numbers.
     */
    private static String caller(SplittableRandom random) {
        long subscriber = random.nextInt(3) == 0 ? random.nextInt(2_000) : random.nextInt(10_000_000);
        return "13" + (8 + random.nextInt(2)) + String.format("%08d", subscriber);
    }

    /** The canonical JSON line with the raw caller in place of the simulator's hash: the reader hashes it. */
    private static String jsonLine(BenchCall call) {
        Cdr cdr = Cdr.newBuilder(call.cdr()).setCallerHash(null).build();
        return "{\"caller\":\"+86 " + call.caller() + "\"," + CdrJson.toJson(cdr).substring(1) + "\n";
    }

    private static String carrierRow(BenchCall call) {
        Cdr cdr = call.cdr();
        Outcome outcome = call.outcome();
        String result = call.answered() ? "Connected"
                : outcome == Outcome.BUSY ? "Busy"
                : outcome == Outcome.FAILED ? "Unreachable"
                : outcome == Outcome.ABANDONED ? "Caller hung up" : "No answer";
        return "c-" + call.sequence() + "," + call.caller() + "," + cdr.getLine() + ","
                + BenchCall.local(cdr.getStartTime(), ZONE) + ","
                + (call.answered() ? BenchCall.local(cdr.getAnswerTime(), ZONE) : "") + ","
                + BenchCall.local(cdr.getEndTime(), ZONE) + "," + result + ","
                + (cdr.getReleaseCause() == null ? 16 : cdr.getReleaseCause()) + "\n";
    }
}
