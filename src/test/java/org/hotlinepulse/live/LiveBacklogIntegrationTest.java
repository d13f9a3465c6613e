package org.hotlinepulse.live;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.hotlinepulse.avro.Cdr;
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
import org.hotlinepulse.simulate.FaultSpec;
import org.hotlinepulse.simulate.SimulationSettings;
import org.hotlinepulse.testing.InProcessKafka;
import org.hotlinepulse.testing.PacedProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live equals replay for a backlog: three simulated days with faults, produced to a three-partition
 * CDR topic at a steady pace while the live job runs, the feed lasting many times
 * {@code quiet_partition_after}. Every metric row and every alert episode must be those of a
 * replay of the same CDRs, and nothing may be late. Before the fix, event time jumped to the wall
 * clock {@code quiet_partition_after} after the source started (the reader's main-output
 * watermark generator never saw a record and counted as quiet), and the whole backlog was late.
 */
class LiveBacklogIntegrationTest {
    static final Path DIRECTORY = Path.of("examples/directory.yaml");
    static final Instant FROM = Instant.parse("2026-10-11T16:00:00Z"); // Monday 12 October, 00:00 in Zhengzhou
    static final Duration QUIET_PARTITION_AFTER = Duration.ofSeconds(2);
    static final Duration FEED_DURATION = Duration.ofSeconds(30);
    static final Duration TICK = Duration.ofMillis(50);

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final TemporaryDatabase DATABASE = new TemporaryDatabase("backlog");

    @TempDir
    static Path dir;
    static InProcessKafka kafka;
    static ReplayedScenario scenario;

    @BeforeAll
    static void simulateThreeDaysAndReplayThem() throws Exception {
        Directory directory = Directory.load(DIRECTORY);
        scenario = ReplayedScenario.simulate(directory, new SimulationSettings(11, FROM, Duration.ofDays(3), 40.0,
                Duration.ofMinutes(10), FaultSpec.parse(
                "out-of-service:037167890001@+9h..+10h; busy:037167890002@+33h..+34h; "
                        + "ivr-dead-end:037167890003@+38h..+39h; silent:037168880001@+57h..+60h; "
                        + "high-abandonment:037168880002@+10h..+11h; unregistered:037199990000@+34h..+35h; "
                        + "probe-failed:037168880003@+58h..+59h; feed-down:zz-safety-report@+63h..+64h",
                FROM, directory)), dir);
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
        assertThat(scenario.episodes).as("the faults page in the replay").hasSizeGreaterThanOrEqualTo(8);
        JdbcConfig jdbc = DATABASE.config();
        Migrations.migrate(jdbc, Map.of());
        JobConfig config = new JobConfig(JobConfig.DEFAULTS.metrics(),
                new KafkaConfig(kafka.bootstrapServers(), "backlog", KafkaConfig.Topics.DEFAULTS, Map.of()),
                jdbc,
                new DirectorySourceConfig(DirectorySourceConfig.Source.YAML, DIRECTORY.toString(),
                        Duration.ofMinutes(10)),
                new RuntimeConfig(Duration.ofSeconds(1), null, null, Duration.ofSeconds(1), Duration.ofSeconds(5),
                        Duration.ofMinutes(10), QUIET_PARTITION_AFTER, 2),
                AlertsConfig.DEFAULTS, AlertmanagerConfig.DEFAULTS);
        LiveJob job = new LiveJob(config, Directory.load(DIRECTORY), Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(job.flinkConfiguration());
        job.buildOn(env, job.cdrSource(), new LiveSinks(config, Map.of()));
        // The feed is under way when the job starts, as a PBX's would be.
        int perTick = (int) Math.ceil(scenario.cdrs.size() / (double) (FEED_DURATION.toMillis() / TICK.toMillis()));
        long feedStarted = System.currentTimeMillis();
        try (PacedProducer feed = new PacedProducer(kafka.bootstrapServers(), messages(scenario.cdrs), perTick, TICK)) {
            JobClient running = env.executeAsync("live backlog test");
            try {
                long fedFor = feed.awaitDone(FEED_DURATION.multipliedBy(3)) - feedStarted;
                assertThat(Duration.ofMillis(fedFor)).as("the feed outlasts quiet_partition_after many times")
                        .isGreaterThan(QUIET_PARTITION_AFTER.multipliedBy(10));
                assertTheOutputsOfTheReplay(jdbc);
            } finally {
                running.cancel().get();
            }
        }
    }

    private static void assertTheOutputsOfTheReplay(JdbcConfig jdbc) throws Exception {
        Map<String, String> rows = Map.of();
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline && !rows.equals(scenario.rows)) {
            Thread.sleep(1_000);
            rows = MetricRows.ofTables(jdbc);
        }
        assertThat(MetricRows.differences(scenario.rows, rows)).as("PostgreSQL rows (%d rejected, %d late)",
                kafka.readAll("hotline.cdr.rejected").size(), kafka.readAll("hotline.cdr.late").size()).isEmpty();
        assertThat(MetricRows.differences(scenario.rows, MetricRows.ofTopic(kafka.readAll("hotline.metrics"))))
                .as("rows on hotline.metrics").isEmpty();
        assertThat(kafka.readAll("hotline.cdr.late")).as("late CDRs").hasSize((int) scenario.summary.late());
        scenario.assertEpisodes(kafka.readAll("hotline.alerts"));
    }

    private static List<ProducerRecord<byte[], byte[]>> messages(List<Cdr> cdrs) {
        return cdrs.stream().map(cdr -> new ProducerRecord<>("hotline.cdr",
                cdr.getLine().getBytes(StandardCharsets.UTF_8), CdrWireFormat.encode(cdr))).toList();
    }
}
