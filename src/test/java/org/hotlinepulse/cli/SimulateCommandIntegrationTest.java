package org.hotlinepulse.cli;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.cdr.CdrWireFormat;
import org.hotlinepulse.testing.InProcessKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code simulate} end to end: its file replays without a reject, and its Kafka output lands on a real broker. */
class SimulateCommandIntegrationTest {
    static final String DIRECTORY = "src/test/resources/job/directory.yaml";
    static final Pattern LINE = Pattern.compile("\"line\":\"(\\d+)\"");
    static final Pattern CALL_ID = Pattern.compile("\"call_id\":\"([^\"]+)\"");

    @TempDir
    Path dir;

    /** A day of the test directory with probes and three faults, to the given output. */
    private static CliRun simulateDay(String... output) {
        List<String> args = new ArrayList<>(List.of("simulate", "--directory", DIRECTORY,
                "--from", "2026-10-12T00:00+08:00", "--duration", "1d", "--rate", "30", "--seed", "3",
                "--probe-every", "10m", "--faults", "busy:12345@+9h..+10h;unregistered:037199990000@+10h..+12h",
                "--faults", "high-abandonment:#2@+8h..+12h"));
        args.addAll(List.of(output));
        return CliRun.run(args.toArray(String[]::new));
    }

    private static CliRun simulateToFile(Path file) {
        return simulateDay("--to", "jsonl", "--out", file.toString());
    }

    private static String group(Pattern pattern, String json) {
        Matcher m = pattern.matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return m.group(1);
    }

    @Test
    void aSimulatedDayReplaysWithoutRejectsAndWithTheAttemptsOfEveryLine() throws Exception {
        Path cdrs = dir.resolve("cdrs.jsonl");
        CliRun simulate = simulateToFile(cdrs);
        assertThat(simulate.exitCode()).as(simulate.err()).isZero();
        List<String> records = Files.readAllLines(cdrs);
        assertThat(simulate.out()).startsWith("simulate: wrote " + records.size() + " CDRs (ANSWERED ")
                .contains("busy:12345@+9h..+10h = ", "unregistered:037199990000@+10h..+12h = ", "CDR/s");

        CliRun replay = CliRun.run("replay", "--cdr", cdrs.toString(), "--directory", DIRECTORY,
                "--out", dir.resolve("out").toString(), "--parallelism", "1");
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        long unregistered = records.stream().filter(r -> r.contains("\"line\":\"037199990000\"")).count();
        assertThat(unregistered).isGreaterThan(30);
        assertThat(replay.out()).contains("read " + records.size() + " records: 0 rejected, 0 duplicate, 0 late, "
                + unregistered + " for unknown lines");

        Map<String, Long> expected = records.stream().filter(r -> r.contains("\"probe\":false"))
                .map(r -> group(LINE, r)).filter(line -> !line.equals("037199990000"))
                .collect(Collectors.groupingBy(line -> line, Collectors.counting()));
        assertThat(expected).containsOnlyKeys("037167890001", "037167890002", "12345");
        Map<String, Long> attempts = new HashMap<>();
        List<String> rows = Files.readAllLines(dir.resolve("out/metrics.csv"));
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            if (f[0].equals("line") && f[3].equals("60")) {
                attempts.merge(f[1], Long.parseLong(f[4]), Long::sum);
            }
        }
        assertThat(attempts).isEqualTo(expected);
    }

    @Test
    void kafkaOutputLandsEveryCdrKeyedByLineAsSingleObjectAvro() throws Exception {
        Path cdrs = dir.resolve("cdrs.jsonl");
        assertThat(simulateToFile(cdrs).exitCode()).isZero();
        Set<String> expectedIds = Files.readAllLines(cdrs).stream().map(r -> group(CALL_ID, r))
                .collect(Collectors.toSet());
        try (InProcessKafka kafka = new InProcessKafka()) {
            kafka.createTopics(Map.of("sim.cdr", 3, "paced.cdr", 1));
            CliRun bounded = simulateDay("--to", "kafka", "--config", kafkaConfig(kafka, "sim.cdr").toString());
            assertThat(bounded.exitCode()).as(bounded.err()).isZero();
            assertThat(bounded.out()).contains("to Kafka topic sim.cdr at " + kafka.bootstrapServers());
            List<ConsumerRecord<byte[], byte[]>> messages = kafka.readAll("sim.cdr");
            assertThat(messages).hasSize(expectedIds.size());
            for (ConsumerRecord<byte[], byte[]> message : messages) {
                Cdr cdr = CdrWireFormat.decode(message.value());
                assertThat(new String(message.key(), StandardCharsets.UTF_8)).isEqualTo(cdr.getLine());
            }
            assertThat(messages.stream().map(m -> decodeId(m.value())).collect(Collectors.toSet()))
                    .isEqualTo(expectedIds);

            // Ten simulated minutes at 600 times real speed: paced, and every CDR still arrives.
            Path shortFile = dir.resolve("short.jsonl");
            CliRun file = CliRun.run("simulate", "--lines", "20", "--from", "2026-10-12T10:00+08:00",
                    "--duration", "10m", "--rate", "60", "--seed", "4", "--to", "jsonl", "--out", shortFile.toString());
            assertThat(file.exitCode()).as(file.err()).isZero();
            CliRun paced = CliRun.run("simulate", "--lines", "20", "--from", "2026-10-12T10:00+08:00",
                    "--duration", "10m", "--rate", "60", "--seed", "4", "--speed", "600",
                    "--to", "kafka", "--config", kafkaConfig(kafka, "paced.cdr").toString());
            assertThat(paced.exitCode()).as(paced.err()).isZero();
            assertThat(kafka.readAll("paced.cdr")).hasSize(Files.readAllLines(shortFile).size());
        }
    }

    private Path kafkaConfig(InProcessKafka kafka, String topic) throws Exception {
        return Files.writeString(dir.resolve(topic + ".yaml"), "kafka:\n  bootstrap_servers: "
                + kafka.bootstrapServers() + "\n  topics:\n    cdr: " + topic + "\n");
    }

    private static String decodeId(byte[] value) {
        try {
            return CdrWireFormat.decode(value).getCallId();
        } catch (CdrWireFormat.InvalidMessageException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
