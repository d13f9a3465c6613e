package org.hotlinepulse.live;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.hotlinepulse.alerts.AlertBytes;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.cdr.CdrWireFormat;
import org.hotlinepulse.config.AlertsConfig;
import org.hotlinepulse.config.AlertmanagerConfig;
import org.hotlinepulse.config.DirectorySourceConfig;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.config.KafkaConfig;
import org.hotlinepulse.config.RuntimeConfig;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.postgres.Migrations;
import org.hotlinepulse.postgres.TemporaryDatabase;
import org.hotlinepulse.testing.InProcessKafka;
import org.hotlinepulse.testing.LocalAlertmanager;
import org.hotlinepulse.testing.TopicTail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live job paging on-call staff, with real Kafka, PostgreSQL and Alertmanager: a line whose
 * calls start failing is OUT_OF_SERVICE until a call connects, and a busy line that stops
 * ringing goes SILENT with no input at all, then recovers with its next call. Event time follows
 * the wall clock. The CDR topic has two partitions read by two source readers and every CDR goes
 * to the first one, so detection must not wait for the idle partition.
 */
class LiveAlertsIntegrationTest {
    static final String FAILING = "037167890001";
    static final String QUIETENED = "037167890002";
    static final Duration MAX_OUT_OF_ORDERNESS = Duration.ofSeconds(2);

    @RegisterExtension
    @Order(1)
    static final LocalAlertmanager ALERTMANAGER = new LocalAlertmanager("5m");

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final TemporaryDatabase DATABASE = new TemporaryDatabase("livealerts");

    static InProcessKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = new InProcessKafka();
        kafka.createTopics(Map.of("hotline.cdr", 2, "hotline.alerts", 1, "hotline.metrics", 1,
                "hotline.cdr.rejected", 1, "hotline.cdr.late", 1));
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void aFailingLineAndALineThatFallsSilentArePagedOnceAndResolvedOnce() throws Exception {
        Migrations.migrate(DATABASE.config(), Map.of());
        Path directoryFile = Path.of("src/test/resources/live/directory-alerts.yaml");
        JobConfig config = new JobConfig(
                JobConfig.DEFAULTS.metrics().withMaxOutOfOrderness(MAX_OUT_OF_ORDERNESS),
                new KafkaConfig(kafka.bootstrapServers(), "live-alerts", KafkaConfig.Topics.DEFAULTS, Map.of()),
                DATABASE.config(),
                new DirectorySourceConfig(DirectorySourceConfig.Source.YAML, directoryFile.toString(),
                        Duration.ofMinutes(10)),
                new RuntimeConfig(Duration.ofMillis(500), null, null, Duration.ofSeconds(1),
                        Duration.ofSeconds(2), Duration.ofMinutes(10), Duration.ofSeconds(2), 2),
                AlertsConfig.DEFAULTS,
                new AlertmanagerConfig(List.of(ALERTMANAGER.url()), Duration.ofSeconds(2),
                        Duration.ofSeconds(2), Duration.ofSeconds(1)));
        LiveJob job = new LiveJob(config, Directory.load(directoryFile), Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(job.flinkConfiguration());
        job.buildOn(env, job.cdrSource(), new LiveSinks(config, Map.of()));
        JobClient running = env.executeAsync("live alerts test");
        try (TopicTail alerts = new TopicTail(kafka.bootstrapServers(), "hotline.alerts")) {
            long now = System.currentTimeMillis();
            produce(call(FAILING, now - 3_000, Outcome.FAILED), call(FAILING, now - 2_000, Outcome.FAILED),
                    call(FAILING, now - 1_000, Outcome.FAILED));
            Alert outOfService = decode(alerts.await("OUT_OF_SERVICE firing",
                    m -> is(m.value(), AlertType.OUT_OF_SERVICE, AlertState.FIRING), Duration.ofSeconds(60)));
            assertThat(outOfService.getLine()).isEqualTo(FAILING);
            assertThat(outOfService.getStartsAt()).isEqualTo(Instant.ofEpochMilli(now - 1_000));

            produce(call(FAILING, System.currentTimeMillis(), Outcome.ANSWERED));
            alerts.await("OUT_OF_SERVICE resolved",
                    m -> is(m.value(), AlertType.OUT_OF_SERVICE, AlertState.RESOLVED), Duration.ofSeconds(60));

            Alert silent = decode(alerts.await("SILENT firing",
                    m -> is(m.value(), AlertType.SILENT, AlertState.FIRING), Duration.ofSeconds(150)));
            assertThat(silent.getLine()).isEqualTo(QUIETENED);
            assertThat(activeEpisodes()).as("Alertmanager pages the silence")
                    .containsExactly(silent.getId());

            produce(call(QUIETENED, System.currentTimeMillis(), Outcome.ANSWERED));
            alerts.await("SILENT resolved",
                    m -> is(m.value(), AlertType.SILENT, AlertState.RESOLVED), Duration.ofSeconds(60));
            awaitNoActiveAlert();

            List<String> changes = new ArrayList<>();
            for (TopicTail.Received r : alerts.received()) {
                Alert a = decode(r);
                changes.add(a.getType() + " " + a.getState() + " " + a.getLine());
            }
            assertThat(changes).as("one page and one all-clear per episode, nothing else").containsExactly(
                    "OUT_OF_SERVICE FIRING " + FAILING, "OUT_OF_SERVICE RESOLVED " + FAILING,
                    "SILENT FIRING " + QUIETENED, "SILENT RESOLVED " + QUIETENED);
            assertThat(storedEpisodes()).containsExactlyInAnyOrder(
                    outOfService.getId() + " RESOLVED", silent.getId() + " RESOLVED");
        } finally {
            running.cancel().get();
        }
    }

    private static Cdr call(String line, long start, Outcome outcome) {
        Cdr.Builder cdr = Cdr.newBuilder().setCallId(line + "-" + start).setLine(line)
                .setStartTime(Instant.ofEpochMilli(start)).setEndTime(Instant.ofEpochMilli(start + 500))
                .setOutcome(outcome);
        if (outcome == Outcome.ANSWERED) {
            cdr.setAnswerTime(Instant.ofEpochMilli(start + 100));
        }
        return cdr.build();
    }

    /** Every CDR to partition 0: partition 1 stays idle throughout. */
    private static void produce(Cdr... cdrs) throws Exception {
        List<ProducerRecord<byte[], byte[]>> messages = new ArrayList<>();
        for (Cdr cdr : cdrs) {
            messages.add(new ProducerRecord<>("hotline.cdr", 0,
                    cdr.getLine().getBytes(StandardCharsets.UTF_8), CdrWireFormat.encode(cdr)));
        }
        kafka.produce("hotline.cdr", messages);
    }

    private static boolean is(byte[] message, AlertType type, AlertState state) {
        Alert alert = alert(message);
        return alert.getType() == type && alert.getState() == state;
    }

    private static Alert alert(byte[] message) {
        try {
            return AlertBytes.decode(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Alert decode(TopicTail.Received received) {
        return alert(received.message().value());
    }

    /** The episodes Alertmanager lists as active, once it lists any (within 60 s). */
    private static List<String> activeEpisodes() throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            List<String> episodes = ALERTMANAGER.activeEpisodes();
            if (!episodes.isEmpty() || System.currentTimeMillis() > deadline) {
                return episodes;
            }
            Thread.sleep(200);
        }
    }

    private static void awaitNoActiveAlert() throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!ALERTMANAGER.activeEpisodes().isEmpty()) {
            assertThat(System.currentTimeMillis()).as("Alertmanager told of the all-clear").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static List<String> storedEpisodes() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DATABASE.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, state FROM alerts")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return rows;
    }
}
