package org.hotlinepulse.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.cdr.CdrJson;
import org.hotlinepulse.cdr.CdrWireFormat;
import org.hotlinepulse.config.AlertmanagerConfig;
import org.hotlinepulse.config.AlertsConfig;
import org.hotlinepulse.config.DirectorySourceConfig;
import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.config.KafkaConfig;
import org.hotlinepulse.config.RuntimeConfig;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.postgres.Migrations;
import org.hotlinepulse.postgres.TemporaryDatabase;
import org.hotlinepulse.replay.Replay;
import org.hotlinepulse.replay.ReplaySummary;
import org.hotlinepulse.simulate.FaultSpec;
import org.hotlinepulse.simulate.SimulationSettings;
import org.hotlinepulse.simulate.TrafficSimulator;
import org.hotlinepulse.testing.InProcessKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live equals replay for a backlog: three simulated days with faults, produced to a three-partition
 * CDR topic at a steady pace while the live job runs, the feed lasting many times
 * {@code quiet_partition_after}. Every metric row and every alert episode must be those of a
 * replay of the same CDRs, and nothing may be late. Before the fix, event time jumped to the wall
 * clock {@code quiet_partition_after} after the source started (the reader's main-output
 * watermark generator never saw a record and counted as quiet), and most of the backlog was late.
 */
class LiveBacklogIntegrationTest {
    static final Path DIRECTORY = Path.of("examples/directory.yaml");
    static final Instant FROM = Instant.parse("2026-10-11T16:00:00Z"); // Monday 12 October, 00:00 in Zhengzhou
    static final Duration QUIET_PARTITION_AFTER = Duration.ofSeconds(2);
    static final Duration FEED_DURATION = Duration.ofSeconds(30);
    static final int FIRST_BATCH = 200;
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final TemporaryDatabase DATABASE = new TemporaryDatabase("backlog");

    @TempDir
    static Path dir;
    static InProcessKafka kafka;
    static List<Cdr> cdrs;
    static Map<String, String> replayRows;
    static List<JsonNode> replayEpisodes;
    static ReplaySummary replay;

    @BeforeAll
    static void simulateThreeDaysAndReplayThem() throws Exception {
        Directory directory = Directory.load(DIRECTORY);
        TrafficSimulator traffic = new TrafficSimulator(directory, new SimulationSettings(11, FROM,
                Duration.ofDays(3), 40.0, Duration.ofMinutes(10), FaultSpec.parse(
                "out-of-service:037167890001@+9h..+10h; busy:037167890002@+33h..+34h; "
                        + "ivr-dead-end:037167890003@+38h..+39h; silent:037168880001@+57h..+60h; "
                        + "high-abandonment:037168880002@+10h..+11h; unregistered:037199990000@+34h..+35h; "
                        + "probe-failed:037168880003@+58h..+59h; feed-down:zz-safety-report@+63h..+64h",
                FROM, directory)));
        cdrs = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        while (traffic.hasNext()) {
            Cdr cdr = traffic.next();
            cdrs.add(cdr);
            lines.add(CdrJson.toJson(cdr));
        }
        Path file = Files.write(dir.resolve("cdrs.jsonl"), lines);
        replay = new Replay(JobConfig.DEFAULTS, directory, List.of(file), CdrFormat.JSONL,
                new CallerPseudonymiser(new byte[32]), dir.resolve("replay"), 1).run();
        replayRows = LiveOutputs.replayRows(dir.resolve("replay/metrics.csv"));
        replayEpisodes = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("replay/alerts.jsonl"))) {
            replayEpisodes.add(JSON.readTree(line));
        }

        kafka = new InProcessKafka();
        kafka.createTopics(Map.of("hotline.cdr", 3, "hotline.alerts", 1, "hotline.metrics", 2,
                "hotline.cdr.rejected", 1, "hotline.cdr.late", 1));
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void aBacklogFedAtAPaceLongerThanTheQuietSpanGivesTheRowsAndEpisodesOfAReplay() throws Exception {
        assertThat(replayEpisodes).as("the faults page in the replay").hasSizeGreaterThanOrEqualTo(8);
        JdbcConfig jdbc = DATABASE.config();
        Migrations.migrate(jdbc, Map.of());
        JobConfig config = new JobConfig(JobConfig.DEFAULTS.metrics(),
                new KafkaConfig(kafka.bootstrapServers(), "backlog", KafkaConfig.Topics.DEFAULTS, Map.of()),
                jdbc,
                new DirectorySourceConfig(DirectorySourceConfig.Source.YAML, DIRECTORY.toString(),
                        Duration.ofMinutes(10)),
                new RuntimeConfig(Duration.ofSeconds(1), null, 3, Duration.ofSeconds(1),
                        QUIET_PARTITION_AFTER, 2),
                AlertsConfig.DEFAULTS, AlertmanagerConfig.DEFAULTS);
        LiveJob job = new LiveJob(config, Directory.load(DIRECTORY), Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(job.flinkConfiguration());
        job.buildOn(env, job.cdrSource(), new LiveSinks(config, Map.of()));
        // The feed is under way when the job starts: a job whose partitions have all been quiet
        // for quiet_partition_after follows the wall clock, and a backlog arriving after that is late.
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            feedPaced(producer, 0, FIRST_BATCH);
        }
        JobClient running = env.executeAsync("live backlog test");
        try {
            long fedFor;
            try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
                fedFor = feedPaced(producer, FIRST_BATCH, cdrs.size());
            }
            assertThat(Duration.ofMillis(fedFor)).as("the feed outlasts quiet_partition_after many times")
                    .isGreaterThan(QUIET_PARTITION_AFTER.multipliedBy(10));

            Map<String, String> rows = Map.of();
            long deadline = System.currentTimeMillis() + 180_000;
            while (System.currentTimeMillis() < deadline && !rows.equals(replayRows)) {
                Thread.sleep(1_000);
                rows = LiveOutputs.tableRows(jdbc);
            }
            assertThat(LiveOutputs.differences(replayRows, rows)).as("PostgreSQL rows (%d rejected, %d late)",
                    kafka.readAll("hotline.cdr.rejected").size(), kafka.readAll("hotline.cdr.late").size()).isEmpty();
            assertThat(LiveOutputs.differences(replayRows, LiveOutputs.topicRows(kafka.readAll("hotline.metrics"))))
                    .as("rows on hotline.metrics").isEmpty();
            assertThat(kafka.readAll("hotline.cdr.late")).as("late CDRs").hasSize((int) replay.late());
            assertEpisodesOfTheReplay(LiveOutputs.alertChanges(kafka.readAll("hotline.alerts")));
        } finally {
            running.cancel().get();
        }
    }

    /**
     * Every episode that started before the replay's input ran out is the replay's, with the same
     * end; after that the live job goes on with the wall clock (SILENT and FEED_STALE for the
     * feed that stopped), which a replay by definition never sees.
     */
    private static void assertEpisodesOfTheReplay(List<Alert> changes) {
        long lastStart = cdrs.stream().mapToLong(c -> c.getStartTime().toEpochMilli()).max().orElseThrow();
        Instant endOfReplay = Instant.ofEpochMilli(lastStart).minus(JobConfig.DEFAULTS.metrics().maxOutOfOrderness());
        Map<String, Alert> firing = new HashMap<>();
        Map<String, Alert> resolved = new HashMap<>();
        for (Alert change : changes) {
            Map<String, Alert> byState = change.getState() == AlertState.FIRING ? firing : resolved;
            assertThat(byState.put(change.getId(), change)).as("%s %s published once", change.getId(),
                    change.getState()).isNull();
        }
        TreeSet<String> live = new TreeSet<>();
        firing.values().stream().filter(a -> !a.getStartsAt().isAfter(endOfReplay))
                .forEach(a -> live.add(describe(a.getId(), a.getType().name(), a.getStartsAt().toString())));
        TreeSet<String> expected = new TreeSet<>();
        replayEpisodes.forEach(e -> expected.add(describe(e.get("id").asText(), e.get("type").asText(),
                Instant.parse(e.get("starts_at").asText()).toString())));
        assertThat(live).as("episodes that started before the end of the replay's input").isEqualTo(expected);
        for (JsonNode episode : replayEpisodes) {
            if (episode.get("ends_at").isTextual()) {
                Alert end = resolved.get(episode.get("id").asText());
                assertThat(end).as("resolution of %s", episode).isNotNull();
                assertThat(end.getEndsAt()).as("end of %s", episode)
                        .isEqualTo(Instant.parse(episode.get("ends_at").asText()));
            }
        }
    }

    private static String describe(String id, String type, String startsAt) {
        return type + " " + startsAt + " " + id;
    }

    /**
     * Produces CDRs {@code from} (inclusive) to {@code to} in order, in batches spread evenly so
     * that all of them would take {@link #FEED_DURATION}; returns how long it took.
     */
    private static long feedPaced(KafkaProducer<byte[], byte[]> producer, int from, int to) throws Exception {
        int batches = (int) (FEED_DURATION.toMillis() / 50);
        int perBatch = Math.max(1, (cdrs.size() + batches - 1) / batches);
        long started = System.currentTimeMillis();
        for (int i = from; i < to; i++) {
            Cdr cdr = cdrs.get(i);
            producer.send(new ProducerRecord<>("hotline.cdr",
                    cdr.getLine().getBytes(StandardCharsets.UTF_8), CdrWireFormat.encode(cdr)));
            if ((i + 1 - from) % perBatch == 0) {
                producer.flush();
                long due = started + (long) ((i + 1 - from) / perBatch) * 50;
                Thread.sleep(Math.max(0, due - System.currentTimeMillis()));
            }
        }
        producer.flush();
        return System.currentTimeMillis() - started;
    }
}
