package org.hotlinepulse.live;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Severity;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.cdr.CdrJson;
import org.hotlinepulse.cdr.CdrWireFormat;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.config.AlertsConfig;
import org.hotlinepulse.config.AlertmanagerConfig;
import org.hotlinepulse.config.DirectorySourceConfig;
import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.config.KafkaConfig;
import org.hotlinepulse.config.RuntimeConfig;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.kafka.CdrDeserializer;
import org.hotlinepulse.postgres.Migrations;
import org.hotlinepulse.postgres.TemporaryDatabase;
import org.hotlinepulse.replay.Replay;
import org.hotlinepulse.simulate.Fault;
import org.hotlinepulse.simulate.FaultKind;
import org.hotlinepulse.simulate.SimulationSettings;
import org.hotlinepulse.simulate.SyntheticDirectory;
import org.hotlinepulse.simulate.TrafficSimulator;
import org.hotlinepulse.testing.InProcessKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live job against a real Kafka broker and PostgreSQL: a simulated morning with probe calls (some
 * failing) and bad messages between the good ones, checked row for row against a replay of the same
 * CDRs (every count, probe counts included), once straight through and once with the job failing
 * mid-stream and restoring from its last checkpoint.
 */
class LiveJobIntegrationTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final Path DIRECTORY = Path.of("src/test/resources/job/directory.yaml");
    static final int BAD_MESSAGES = 8;
    static final String RAW_NUMBER = "13800001234";

    @RegisterExtension
    static final TemporaryDatabase DATABASE = new TemporaryDatabase("livejob");

    @TempDir
    static Path dir;
    static InProcessKafka kafka;
    static Map<String, String> expectedRows;
    static int goodCdrs;

    @BeforeAll
    static void produceAMorningOfCdrs() throws Exception {
        kafka = new InProcessKafka();
        kafka.createTopics(Map.of("hotline.cdr", 3));
        List<ProducerRecord<byte[], byte[]>> messages = new ArrayList<>();
        List<String> replayLines = new ArrayList<>();
        TrafficSimulator traffic = new TrafficSimulator(SyntheticDirectory.alwaysOpen(List.of("037167890001",
                "037167890002", "12345", "037199999999")), morningWithProbes());
        List<byte[]> bad = badMessages();
        int i = 0;
        while (traffic.hasNext()) {
            Cdr cdr = traffic.next();
            messages.add(new ProducerRecord<>("hotline.cdr", utf8(cdr.getLine()), CdrWireFormat.encode(cdr)));
            replayLines.add(CdrJson.toJson(cdr));
            if (++i % 250 == 0 && !bad.isEmpty()) {
                messages.add(new ProducerRecord<>("hotline.cdr", utf8("12345"), bad.remove(0)));
            }
        }
        assertThat(bad).as("every bad message placed").isEmpty();
        goodCdrs = replayLines.size();
        kafka.produce("hotline.cdr", messages);

        Path cdrFile = Files.write(dir.resolve("cdrs.jsonl"), replayLines);
        new Replay(JobConfig.DEFAULTS, Directory.load(DIRECTORY), List.of(cdrFile), CdrFormat.JSONL,
                new CallerPseudonymiser(new byte[32]), dir.resolve("replay"), 1).run();
        expectedRows = MetricRows.ofReplay(dir.resolve("replay/metrics.csv"));
        long probes = MetricRows.total(expectedRows, "probe_attempts");
        assertThat(probes).as("probe calls counted, so that comparing them can fail").isPositive();
        assertThat(MetricRows.total(expectedRows, "probe_connected")).as("some of them failed")
                .isPositive().isLessThan(probes);
    }

    /** Four hours of calls, a probe per line every 5 minutes, and probes to one line failing for an hour. */
    private static SimulationSettings morningWithProbes() {
        Instant from = Instant.parse("2026-10-12T00:30:00Z");
        Fault probesFail = new Fault(FaultKind.PROBE_FAILED, "037167890002", from.plus(Duration.ofHours(1)),
                from.plus(Duration.ofHours(2)), "probe-failed:037167890002");
        return new SimulationSettings(7, from, Duration.ofHours(4), 150.0, Duration.ofMinutes(5),
                List.of(probesFail));
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    /** Garbage, another schema, and a CDR failing each validation rule. */
    private static List<byte[]> badMessages() throws Exception {
        Instant t = Instant.parse("2026-10-12T01:00:00Z");
        Cdr.Builder base = Cdr.newBuilder().setCallId("bad").setLine("12345").setStartTime(t)
                .setEndTime(t.plusSeconds(60));
        Alert alert = Alert.newBuilder().setId("x").setType(AlertType.SILENT)
                .setSeverity(Severity.warning).setState(AlertState.FIRING).setStartsAt(t)
                .setSummary("not a CDR").build();
        ByteBuffer alertBytes = alert.toByteBuffer();
        byte[] alertMessage = new byte[alertBytes.remaining()];
        alertBytes.get(alertMessage);
        List<byte[]> bad = new ArrayList<>();
        bad.add(utf8("this is not avro"));
        bad.add(alertMessage);
        bad.add(CdrWireFormat.encode(Cdr.newBuilder(base).setCallId("bad-order")
                .setEndTime(t.minusSeconds(1)).build()));
        bad.add(CdrWireFormat.encode(Cdr.newBuilder(base).setCallId("bad-contradiction")
                .setOutcome(org.hotlinepulse.avro.Outcome.ANSWERED).build()));
        bad.add(CdrWireFormat.encode(Cdr.newBuilder(base).setCallId("bad-line").setLine("").build()));
        bad.add(CdrWireFormat.encode(Cdr.newBuilder(base).setCallId("bad-score")
                .setSatisfaction(9).build()));
        // A producer that published the raw number, and bytes that are no CDR but hold one.
        bad.add(CdrWireFormat.encode(Cdr.newBuilder(base).setCallId("bad-caller").setCallerHash(RAW_NUMBER).build()));
        bad.add(utf8("{\"caller\":\"" + RAW_NUMBER + "\"}"));
        assertThat(bad).hasSize(BAD_MESSAGES);
        return bad;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private JobConfig config(String run, JdbcConfig jdbc, RuntimeConfig.StateBackend stateBackend) {
        KafkaConfig.Topics topics = new KafkaConfig.Topics("hotline.cdr", "rejected-" + run,
                "late-" + run, "metrics-" + run, "alerts-" + run);
        return new JobConfig(JobConfig.DEFAULTS.metrics(),
                new KafkaConfig(kafka.bootstrapServers(), "group-" + run, topics, Map.of()),
                jdbc,
                new DirectorySourceConfig(DirectorySourceConfig.Source.YAML, DIRECTORY.toString(),
                        Duration.ofMinutes(1)),
                new RuntimeConfig(Duration.ofMillis(300), null, null, Duration.ofMillis(500),
                        Duration.ofSeconds(2), Duration.ofMinutes(10), Duration.ofSeconds(5), 2, stateBackend),
                AlertsConfig.DEFAULTS,
                    AlertmanagerConfig.DEFAULTS);
    }

    /** What one run left behind: the final rows on the metrics topic and in PostgreSQL. */
    record RunResult(Map<String, String> onKafka, Map<String, String> inPostgres) {}

    /** Runs the live job until topic and tables hold every expected row, then cancels it. */
    private RunResult runLive(String run, KafkaRecordDeserializationSchema<InputRecord> deserializer,
                              RuntimeConfig.StateBackend stateBackend) throws Exception {
        String database = DATABASE.create(run);
        JdbcConfig jdbc = DATABASE.configOf(database);
        Migrations.migrate(jdbc, Map.of());
        JobConfig config = config(run, jdbc, stateBackend);
        kafka.createTopics(Map.of("rejected-" + run, 1, "late-" + run, 1, "metrics-" + run, 2));
        LiveJob job = new LiveJob(config, Directory.load(DIRECTORY), Map.of());
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(job.flinkConfiguration());
        job.buildOn(env, job.cdrSource(deserializer), new LiveSinks(config, Map.of()));
        JobClient client = env.executeAsync("hotline-metrics " + run);
        try {
            RunResult outcome = new RunResult(Map.of(), Map.of());
            long deadline = System.currentTimeMillis() + 120_000;
            while (System.currentTimeMillis() < deadline) {
                outcome = new RunResult(MetricRows.ofTopic(kafka.readAll("metrics-" + run)),
                        MetricRows.ofTables(jdbc));
                if (outcome.onKafka().equals(expectedRows) && outcome.inPostgres().equals(expectedRows)) {
                    break;
                }
                Thread.sleep(1_000);
            }
            return outcome;
        } finally {
            client.cancel().get();
            DATABASE.drop(database);
        }
    }

    @Test
    void metricsInPostgresAndOnKafkaEqualAReplayOfTheSameCdrsAndBadMessagesAreDeadLettered()
            throws Exception {
        RunResult outcome = runLive("straight", new CdrDeserializer(), RuntimeConfig.StateBackend.HASHMAP);
        assertThat(outcome.inPostgres()).hasSize(expectedRows.size()).isEqualTo(expectedRows);
        assertThat(outcome.onKafka()).hasSize(expectedRows.size()).isEqualTo(expectedRows);

        List<ConsumerRecord<byte[], byte[]>> rejected = kafka.readAll("rejected-straight");
        assertThat(rejected).hasSize(BAD_MESSAGES);
        assertThat(rejected).allSatisfy(message -> {
            assertThat(message.headers().lastHeader("reason")).isNotNull();
            assertThat(new String(message.headers().lastHeader("source").value(), StandardCharsets.UTF_8))
                    .startsWith("hotline.cdr-");
        });
        assertThat(rejected).extracting(m -> new String(m.headers().lastHeader("reason").value(),
                        StandardCharsets.UTF_8))
                .anySatisfy(reason -> assertThat(reason).contains("single-object"))
                .anySatisfy(reason -> assertThat(reason).contains("unknown schema"))
                .anySatisfy(reason -> assertThat(reason).contains("end_time"))
                .anySatisfy(reason -> assertThat(reason).contains("satisfaction"));
        assertThat(rejected).extracting(m -> new String(m.value(), StandardCharsets.ISO_8859_1))
                .as("the original bytes").contains("this is not avro");
        assertThat(rejected).as("no raw caller number in any dead letter").allSatisfy(message -> {
            assertThat(new String(message.value(), StandardCharsets.ISO_8859_1)).doesNotContain(RAW_NUMBER);
            message.headers().forEach(header ->
                    assertThat(new String(header.value(), StandardCharsets.UTF_8)).doesNotContain(RAW_NUMBER));
        });
    }

    @Test
    void aFailureMidStreamRestoresFromTheCheckpointWithNothingLostOrCountedTwice_stateInRocksDb() throws Exception {
        FailingOnce.failed.set(false);
        RunResult outcome = runLive("failover", new FailingOnce(goodCdrs / 2), RuntimeConfig.StateBackend.ROCKSDB);
        assertThat(FailingOnce.failed).as("the failure happened").isTrue();
        assertThat(outcome.inPostgres()).hasSize(expectedRows.size()).isEqualTo(expectedRows);
        assertThat(outcome.onKafka()).hasSize(expectedRows.size()).isEqualTo(expectedRows);
        assertThat(kafka.readAll("rejected-failover")).as("dead letters exactly once")
                .hasSize(BAD_MESSAGES);
    }

    /** Reads slowly enough for checkpoints to complete, and fails once after n records. */
    static final class FailingOnce implements KafkaRecordDeserializationSchema<InputRecord> {
        static final AtomicBoolean failed = new AtomicBoolean();
        private final CdrDeserializer delegate = new CdrDeserializer();
        private final int failAfter;
        private int seen;

        FailingOnce(int failAfter) {
            this.failAfter = failAfter;
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> message, Collector<InputRecord> out)
                throws java.io.IOException {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (++seen >= failAfter && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure after " + seen + " records");
            }
            delegate.deserialize(message, out);
        }

        @Override
        public TypeInformation<InputRecord> getProducedType() {
            return delegate.getProducedType();
        }
    }
}
