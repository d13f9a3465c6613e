package org.hotlinepulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.time.Instant;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrFixtures;
import org.hotlinepulse.cdr.CdrWireFormat;
import org.hotlinepulse.testing.InProcessKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ingest} against a real in-process broker: a file in, exactly its valid CDRs on the topic. */
class IngestCommandIntegrationTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef-ingest-test";
    private static final List<String> CALLERS = List.of("13800138001", "13800138002", "13800138003",
            "13800138004", "13800138005");
    private static InProcessKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = new InProcessKafka();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    private record Run(int exitCode, String err) {}

    private static Run ingest(Map<String, String> env, String... args) {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            IngestCommand command = new IngestCommand();
            command.env = env;
            int code = new CommandLine(command).execute(args);
            return new Run(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
        }
    }

    private static Map<String, String> env() {
        return Map.of(CallerPseudonymiser.KEY_VARIABLE, KEY, "HOTLINE_PULSE_KAFKA_BOOTSTRAP_SERVERS",
                kafka.bootstrapServers());
    }

    private static String row(String caller, String line, String answer, String cause, String uuid, String bleg) {
        return String.join(",", List.of("Citizen " + caller, caller, line, "public", "2026-10-12 09:03:11", answer,
                "2026-10-12 09:05:00", "109", "90", cause, uuid, bleg, caller, "PCMA", "PCMA").stream()
                .map(v -> "\"" + v + "\"").toList());
    }

    @Test
    void anAsteriskMasterCsvJoinedWithItsQueueLogBecomesOneAnsweredCdr() throws Exception {
        kafka.createTopics(Map.of("ast.cdr", 1, "ast.cdr.rejected", 1));
        Path config = Files.writeString(dir.resolve("job.yaml"), "kafka:\n  topics:\n    rejected: ast.cdr.rejected\n");
        Path pair = Path.of("src/test/resources/asterisk/answered-via-queue");

        Run run = ingest(env(), "--format", "asterisk-csv", "--config", config.toString(), "--topic", "ast.cdr",
                "--queue-log", pair.resolve("queue_log").toString(), "--cdr-timezone", "Asia/Shanghai",
                pair.resolve("Master.csv").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<ConsumerRecord<byte[], byte[]>> cdrs = kafka.readAll("ast.cdr");
        assertThat(cdrs).hasSize(1);
        assertThat(new String(cdrs.get(0).value(), StandardCharsets.ISO_8859_1)).doesNotContain("13800001111");
        Cdr cdr = CdrWireFormat.decode(cdrs.get(0).value());
        assertThat(cdr.getLine()).isEqualTo("037167890001");
        assertThat(cdr.getOutcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(cdr.getAnswerTime()).as("the agent's CONNECT, not the Queue application's answer")
                .isEqualTo(java.time.Instant.ofEpochSecond(1791766860));
        assertThat(run.err()).doesNotContain("13800001111");
    }

    @Test
    void withoutAnHmacKeyIngestRefusesToStartWithOneLine() throws Exception {
        Path file = dir.resolve("Master.csv");
        Files.writeString(file, "");
        Run run = ingest(Map.of(), "--format", "freeswitch-csv", file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("hotline-pulse ingest: no HMAC key for caller numbers: set "
                + "HOTLINE_PULSE_HMAC_KEY or HOTLINE_PULSE_HMAC_KEY_FILE").doesNotContain("\n");
    }

    @Test
    void followNeedsAStateFileAndALineFormat() throws Exception {
        Path file = dir.resolve("cdrs.avro");
        Files.writeString(file, "");
        Run noState = ingest(env(), "--format", "freeswitch-csv", "--follow", file.toString());
        assertThat(noState.exitCode()).isEqualTo(2);
        assertThat(noState.err().strip()).isEqualTo("hotline-pulse ingest: --follow needs --state FILE, where the"
                + " read positions are kept");
        Run avro = ingest(env(), "--format", "avro", "--follow", "--state", dir.resolve("s").toString(),
                file.toString());
        assertThat(avro.exitCode()).isEqualTo(2);
        assertThat(avro.err().strip()).isEqualTo("hotline-pulse ingest: --follow reads jsonl, freeswitch-csv,"
                + " freeswitch-json and asterisk-csv files, not avro");
        Run twoMasters = ingest(env(), "--format", "asterisk-csv", "--follow", "--state", dir.resolve("s").toString(),
                file.toString(), file.toString());
        assertThat(twoMasters.exitCode()).isEqualTo(2);
        assertThat(twoMasters.err().strip()).isEqualTo("hotline-pulse ingest: --follow with asterisk-csv reads one"
                + " Master.csv (and its --queue-log files), not 2 files");
    }

    @Test
    void aFreeswitchCsvFileBecomesExactlyItsValidCdrsKeyedByLine() throws Exception {
        kafka.createTopics(Map.of("fs.cdr", 2, "fs.cdr.rejected", 1));
        Path config = dir.resolve("job.yaml");
        Files.writeString(config, "kafka:\n  topics:\n    rejected: fs.cdr.rejected\n");
        Path file = dir.resolve("Master.csv");
        String answered = row(CALLERS.get(0), "037167890001", "2026-10-12 09:03:20", "NORMAL_CLEARING",
                "a0000000-0000-4000-8000-000000000001", "b0000000-0000-4000-8000-000000000001");
        Files.writeString(file, String.join("\n",
                answered,
                row(CALLERS.get(1), "037167890002", "", "USER_BUSY", "a0000000-0000-4000-8000-000000000002", ""),
                row(CALLERS.get(2), "12345", "2026-10-12 09:03:12", "NORMAL_CLEARING",
                        "a0000000-0000-4000-8000-000000000003", ""),
                answered,
                row(CALLERS.get(3), "0371-6789", "", "USER_BUSY", "a0000000-0000-4000-8000-000000000004", ""),
                "\"" + CALLERS.get(4) + "\",\"broken") + "\n");

        Run run = ingest(env(), "--format", "freeswitch-csv", "--config", config.toString(), "--topic", "fs.cdr",
                "--pbx-timezone", "Asia/Shanghai", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("Master.csv:5: field line \"0371-6789\" is not a telephone number",
                "Master.csv:6: not a CSV row: Missing closing quote",
                "ingest: read 6 records: 3 published, 2 rejected, 1 duplicate -> fs.cdr");
        List<ConsumerRecord<byte[], byte[]>> cdrs = kafka.readAll("fs.cdr");
        assertThat(cdrs).hasSize(3);
        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> message : cdrs) {
            Cdr cdr = CdrWireFormat.decode(message.value());
            assertThat(new String(message.key(), StandardCharsets.UTF_8)).isEqualTo(cdr.getLine());
            assertThat(cdr.getSource()).isEqualTo("freeswitch");
            ids.add(cdr.getCallId() + " " + cdr.getOutcome());
        }
        assertThat(ids).containsExactlyInAnyOrder("fs:a0000000-0000-4000-8000-000000000001 " + Outcome.ANSWERED,
                "fs:a0000000-0000-4000-8000-000000000002 " + Outcome.BUSY,
                "fs:a0000000-0000-4000-8000-000000000003 " + Outcome.ABANDONED);
        List<ConsumerRecord<byte[], byte[]>> rejected = kafka.readAll("fs.cdr.rejected");
        assertThat(rejected).hasSize(2);
        assertThat(new String(rejected.get(0).headers().lastHeader("reason").value(), StandardCharsets.UTF_8))
                .startsWith("field line \"0371-6789\"");

        List<String> written = new ArrayList<>(List.of(run.err()));
        for (ConsumerRecord<byte[], byte[]> message : concat(cdrs, rejected)) {
            written.add(new String(message.value(), StandardCharsets.ISO_8859_1));
            for (Header header : message.headers()) {
                written.add(new String(header.value(), StandardCharsets.ISO_8859_1));
            }
        }
        for (String caller : CALLERS) {
            assertThat(written).allSatisfy(text -> assertThat(text).doesNotContain(caller));
        }
    }

    @Test
    void jsonLinesGoInTooAndRejectsCanGoToAFile() throws Exception {
        kafka.createTopics(Map.of("jsonl.cdr", 1));
        Path file = dir.resolve("cdrs.jsonl");
        Files.writeString(file, "{\"call_id\":\"c1\",\"line\":\"12345\",\"caller\":\"" + CALLERS.get(0)
                + "\",\"start_time\":\"2026-10-12T01:00:00Z\",\"end_time\":\"2026-10-12T01:01:00Z\"}\n"
                + "{\"call_id\":\"c2\",\"line\":\"12345\",\"caller\":\"" + CALLERS.get(1) + "\"}\n");
        Path rejects = dir.resolve("rejected.jsonl");
        Run run = ingest(env(), "--format", "jsonl", "--topic", "jsonl.cdr", "--rejected", rejects.toString(),
                file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(kafka.readAll("jsonl.cdr")).hasSize(1);
        String rejected = Files.readString(rejects);
        assertThat(rejected).contains("\"source\":\"cdrs.jsonl\",\"line_no\":2,\"reason\":\"missing required field "
                + "start_time\"").doesNotContain(CALLERS.get(1));
    }

    @Test
    void avroContainerFilesGoInToo() throws Exception {
        kafka.createTopics(Map.of("avro.cdr", 1));
        Path file = dir.resolve("cdrs.avro");
        Instant t0 = Instant.parse("2026-10-12T01:00:00Z");
        try (DataFileWriter<Cdr> writer = new DataFileWriter<>(new SpecificDatumWriter<>(Cdr.class))) {
            writer.create(Cdr.getClassSchema(), file.toFile());
            writer.append(CdrFixtures.busy("12345", t0));
            writer.append(CdrFixtures.answered("037167890001", t0, Duration.ofSeconds(5), Duration.ofMinutes(2)));
        }
        Run run = ingest(env(), "--format", "avro", "--topic", "avro.cdr", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("read 2 records: 2 published, 0 rejected, 0 duplicate");
        assertThat(kafka.readAll("avro.cdr")).extracting(m -> new String(m.key(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder("12345", "037167890001");
    }

    @Test
    void throughputOfAFreeswitchCsvFileToKafka() throws Exception {
        kafka.createTopics(Map.of("speed.cdr", 2));
        int n = 100_000;
        StringBuilder text = new StringBuilder(n * 260);
        for (int i = 0; i < n; i++) {
            text.append(row("139" + String.format("%08d", i), "037167890001", "", "NO_ANSWER",
                    String.format("a0000000-0000-4000-8000-%012d", i), "")).append('\n');
        }
        Path file = dir.resolve("big.csv");
        Files.writeString(file, text);
        long start = System.nanoTime();
        Run run = ingest(env(), "--format", "freeswitch-csv", "--topic", "speed.cdr", file.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("read " + n + " records: " + n + " published");
        System.out.printf("throughput ingest freeswitch-csv -> in-process Kafka (acks=all, idempotent):"
                + " %,.0f records/s (%,d records in %.1f s incl. producer start)%n", n / seconds, n, seconds);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
