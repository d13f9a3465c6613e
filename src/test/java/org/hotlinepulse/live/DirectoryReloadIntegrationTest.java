package org.hotlinepulse.live;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.LineMetrics;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A line moved to another department and a new line, while the live job runs. */
class DirectoryReloadIntegrationTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final String MOVED = "037167890001";
    static final String ADDED = "037100000009";

    @RegisterExtension
    static final TemporaryDatabase DATABASE = new TemporaryDatabase("reload");

    @TempDir
    Path dir;

    @Test
    void windowsAfterAReloadFollowTheNewDirectory() throws Exception {
        Path directoryFile = dir.resolve("directory.yaml");
        Files.copy(Path.of("src/test/resources/job/directory.yaml"), directoryFile);
        try (InProcessKafka kafka = new InProcessKafka()) {
            kafka.createTopics(Map.of("hotline.cdr", 1, "metrics", 1, "rejected", 1, "late", 1));
            Migrations.migrate(DATABASE.config(), Map.of());
            // Event time close to the wall clock: quiet partitions move the watermark with it.
            Instant before = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
            Instant after = before.plus(3, ChronoUnit.MINUTES);
            JobConfig config = new JobConfig(
                    JobConfig.DEFAULTS.metrics().withMaxOutOfOrderness(Duration.ofSeconds(1)),
                    new KafkaConfig(kafka.bootstrapServers(), "reload",
                            new KafkaConfig.Topics("hotline.cdr", "rejected", "late", "metrics", "alerts"),
                            Map.of()),
                    DATABASE.config(),
                    new DirectorySourceConfig(DirectorySourceConfig.Source.YAML,
                            directoryFile.toString(), Duration.ofMillis(300)),
                    new RuntimeConfig(Duration.ofSeconds(1), null, null, Duration.ofSeconds(1),
                            Duration.ofSeconds(2), Duration.ofMinutes(10), Duration.ofSeconds(2), 1), AlertsConfig.DEFAULTS,
                    AlertmanagerConfig.DEFAULTS);
            LiveJob job = new LiveJob(config, Directory.load(directoryFile), Map.of());
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(job.flinkConfiguration());
            job.buildOn(env, job.cdrSource(), new LiveSinks(config, Map.of()));
            JobClient client = env.executeAsync("reload");
            try {
                produce(kafka, "b1", MOVED, before);
                produce(kafka, "b2", ADDED, before);
                awaitRow(kafka, "line|" + MOVED + "|" + before.toEpochMilli() + "|1");
                assertThat(rows(kafka)).extractingByKey("line|" + MOVED + "|" + before.toEpochMilli() + "|1")
                        .extracting(LineMetrics::getDepartment).isEqualTo("zz-social-security");
                assertThat(rows(kafka)).doesNotContainKey("line|" + ADDED + "|" + before.toEpochMilli() + "|1");

                Files.copy(Path.of("src/test/resources/job/directory-reorganised.yaml"), directoryFile,
                        StandardCopyOption.REPLACE_EXISTING);
                awaitReload(kafka, before.plus(1, ChronoUnit.MINUTES));
                produce(kafka, "a1", MOVED, after);
                produce(kafka, "a2", ADDED, after);
                awaitAttempts(kafka, "department|zz-12345|" + after.toEpochMilli() + "|1", 2);
                Map<String, LineMetrics> rows = rows(kafka);
                assertThat(rows.get("line|" + MOVED + "|" + after.toEpochMilli() + "|1").getDepartment())
                        .isEqualTo("zz-12345");
                assertThat(rows.get("line|" + ADDED + "|" + after.toEpochMilli() + "|1").getAttempts())
                        .isEqualTo(1);
            } finally {
                client.cancel().get();
            }
        }
    }

    private static void produce(InProcessKafka kafka, String id, String line, Instant start)
            throws Exception {
        Cdr cdr = Cdr.newBuilder().setCallId(id).setLine(line).setStartTime(start.plusSeconds(5))
                .setAnswerTime(start.plusSeconds(10)).setEndTime(start.plusSeconds(40))
                .setOutcome(Outcome.ANSWERED).build();
        kafka.produce("hotline.cdr", List.of(new ProducerRecord<>("hotline.cdr",
                line.getBytes(StandardCharsets.UTF_8), CdrWireFormat.encode(cdr))));
    }

    private static Map<String, LineMetrics> rows(InProcessKafka kafka) throws Exception {
        Map<String, LineMetrics> rows = new java.util.HashMap<>();
        for (ConsumerRecord<byte[], byte[]> message : kafka.readAll("metrics")) {
            rows.put(new String(message.key(), StandardCharsets.UTF_8),
                    LineMetrics.fromByteBuffer(ByteBuffer.wrap(message.value())));
        }
        return rows;
    }

    /**
     * Produces calls of the added line in the window starting at {@code minute}, one every half second,
     * until its row shows that the job has loaded the new directory.
     */
    private static void awaitReload(InProcessKafka kafka, Instant minute) throws Exception {
        String key = "line|" + ADDED + "|" + minute.toEpochMilli() + "|1";
        long deadline = System.currentTimeMillis() + 60_000;
        for (int probe = 0; !rows(kafka).containsKey(key); probe++) {
            assertThat(System.currentTimeMillis()).as("the job reloads the directory").isLessThan(deadline);
            produce(kafka, "probe-" + probe, ADDED, minute);
            Thread.sleep(500);
        }
    }

    private static void awaitRow(InProcessKafka kafka, String key) throws Exception {
        awaitAttempts(kafka, key, 1);
    }

    private static void awaitAttempts(InProcessKafka kafka, String key, long attempts) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            LineMetrics row = rows(kafka).get(key);
            if (row != null && row.getAttempts() >= attempts) {
                assertThat(row.getAttempts()).isEqualTo(attempts);
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no row " + key + " with " + attempts + " attempts; rows: "
                + rows(kafka).keySet());
    }
}
