package org.hotlinepulse.live;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.cdr.CdrWireFormat;
import org.hotlinepulse.config.AlertmanagerConfig;
import org.hotlinepulse.config.AlertsConfig;
import org.hotlinepulse.config.DirectorySourceConfig;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.config.KafkaConfig;
import org.hotlinepulse.config.RuntimeConfig;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.postgres.Migrations;
import org.hotlinepulse.postgres.TemporaryDatabase;
import org.hotlinepulse.testing.InProcessKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PBX whose clock is 8 hours off, on a live job beside one that keeps good time. Local time
 * written as UTC puts its calls 8 hours in the future: refused at the reader with the reason, so
 * they never become event time and cannot close the other lines' windows early. A PBX 8 hours
 * behind delivers calls past allowed lateness: counted and dead-lettered, not dropped. The good
 * PBX's calls are counted as if the others did not exist.
 */
class PbxClockSkewIntegrationTest {
    static final Path DIRECTORY = Path.of("src/test/resources/live/directory-feeds.yaml");
    static final String GOOD = "037167890001";
    static final String AHEAD = "037167890002";
    static final String BEHIND = "037167890003";

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final TemporaryDatabase DATABASE = new TemporaryDatabase("pbxskew");

    static InProcessKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = new InProcessKafka();
        // One CDR partition (read by one task), shared by the three PBXs' lines as partitions are in
        // production, where many more lines than partitions are keyed onto them (docs/live.md: a
        // partition carrying nothing but a lagging PBX's lines is read as a backlog).
        kafka.createTopics(Map.of("hotline.cdr", 1, "hotline.alerts", 1, "hotline.metrics", 1,
                "hotline.cdr.rejected", 1, "hotline.cdr.late", 1));
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void aPbxEightHoursOffIsRefusedOrDeadLetteredAndTheOthersAreCountedAsUsual() throws Exception {
        Migrations.migrate(DATABASE.config(), Map.of());
        JobConfig config = new JobConfig(
                JobConfig.DEFAULTS.metrics().withMaxOutOfOrderness(Duration.ofSeconds(2)),
                new KafkaConfig(kafka.bootstrapServers(), "pbx-skew", KafkaConfig.Topics.DEFAULTS, Map.of()),
                DATABASE.config(),
                new DirectorySourceConfig(DirectorySourceConfig.Source.YAML, DIRECTORY.toString(),
                        Duration.ofMinutes(10)),
                new RuntimeConfig(Duration.ofMillis(500), null, null, Duration.ofSeconds(1), Duration.ofSeconds(5),
                        Duration.ofMinutes(10), Duration.ofSeconds(2), 1),
                AlertsConfig.DEFAULTS, AlertmanagerConfig.DEFAULTS);
        LiveJob job = new LiveJob(config, Directory.load(DIRECTORY), Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(job.flinkConfiguration());
        job.buildOn(env, job.cdrSource(), new LiveSinks(config, Map.of()));
        JobClient running = env.executeAsync("pbx clock skew test");
        try {
            long now = System.currentTimeMillis();
            long eightHours = Duration.ofHours(8).toMillis();
            List<Cdr> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(call(GOOD, "pbx-good", now - 20_000 + i * 1_000));
                calls.add(call(AHEAD, "pbx-ahead", now + eightHours + i * 1_000));
                calls.add(call(BEHIND, "pbx-behind", now - eightHours + i * 1_000));
            }
            produce(calls);
            // After the skewed calls: a good call that a watermark dragged 8 hours ahead would make late.
            long later = System.currentTimeMillis();
            produce(List.of(call(GOOD, "pbx-good", later)));

            Map<String, Long> attempts = Map.of();
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline && attempts.getOrDefault(GOOD, 0L) < 4) {
                Thread.sleep(500);
                attempts = oneMinuteAttemptsByLine();
            }
            assertThat(attempts).as("1-minute attempts per line in PostgreSQL").isEqualTo(Map.of(GOOD, 4L));

            List<ConsumerRecord<byte[], byte[]>> rejected = kafka.readAll("hotline.cdr.rejected");
            assertThat(rejected).hasSize(3).allSatisfy(message -> assertThat(header(message, "reason"))
                    .contains("ahead of this machine's clock").contains("is the PBX's clock or time zone wrong?"));
            List<ConsumerRecord<byte[], byte[]>> late = kafka.readAll("hotline.cdr.late");
            assertThat(late).hasSize(3).allSatisfy(message -> {
                assertThat(header(message, "reason")).contains("past allowed lateness");
                assertThat(CdrWireFormat.decode(message.value()).getLine()).isEqualTo(BEHIND);
            });
        } finally {
            running.cancel().get();
        }
    }

    private static Cdr call(String line, String source, long start) {
        return Cdr.newBuilder().setCallId(source + "-" + start).setLine(line).setSource(source)
                .setStartTime(Instant.ofEpochMilli(start)).setEndTime(Instant.ofEpochMilli(start + 500))
                .setAnswerTime(Instant.ofEpochMilli(start + 100)).setOutcome(Outcome.ANSWERED).build();
    }

    private static void produce(List<Cdr> cdrs) throws Exception {
        List<ProducerRecord<byte[], byte[]>> messages = new ArrayList<>();
        for (Cdr cdr : cdrs) {
            messages.add(new ProducerRecord<>("hotline.cdr",
                    cdr.getLine().getBytes(StandardCharsets.UTF_8), CdrWireFormat.encode(cdr)));
        }
        kafka.produce("hotline.cdr", messages);
    }

    private static String header(ConsumerRecord<byte[], byte[]> message, String name) {
        return new String(message.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static Map<String, Long> oneMinuteAttemptsByLine() throws Exception {
        Map<String, Long> attempts = new HashMap<>();
        try (Connection c = DATABASE.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(
                     "SELECT line, sum(attempts) FROM line_metrics WHERE window_minutes = 1 GROUP BY line")) {
            while (rs.next()) {
                attempts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return attempts;
    }
}
