package org.hotlinepulse.live;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
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
import org.hotlinepulse.testing.KafkaBrokerProcess;
import org.hotlinepulse.testing.KafkaClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka broker restarted under the running live job, mid-feed: the job waits it out and
 * resumes from its checkpoint, and ends with exactly the rows and episodes of a replay of the
 * same CDRs, nothing late, each alert change published once. The broker runs in a process of its
 * own so that it can stop and start again on the same port with the same data.
 */
class KafkaRestartIntegrationTest {
    static final Path DIRECTORY = Path.of("examples/directory.yaml");
    static final Instant FROM = Instant.parse("2026-10-11T16:00:00Z"); // Monday 12 October, 00:00 in Zhengzhou
    static final Duration FEED_DURATION = Duration.ofSeconds(20);
    static final Duration OUTAGE = Duration.ofSeconds(15);
    /** Ten times this (a backlog's partition is idle only then) outlasts the outage and the broker's start. */
    static final Duration QUIET_PARTITION_AFTER = Duration.ofSeconds(6);

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final TemporaryDatabase DATABASE = new TemporaryDatabase("kafkarestart");

    @TempDir
    Path dir;

    @Test
    void aBrokerRestartMidFeedIsWaitedOutWithNothingLostOrPublishedTwice() throws Exception {
        Directory directory = Directory.load(DIRECTORY);
        ReplayedScenario scenario = ReplayedScenario.simulate(directory, new SimulationSettings(5, FROM,
                Duration.ofDays(1), 40.0, Duration.ofMinutes(10), FaultSpec.parse(
                "out-of-service:037167890001@+9h..+10h; busy:037167890002@+15h..+16h; "
                        + "high-abandonment:037168880002@+10h..+11h; feed-down:zz-safety-report@+14h..+15h",
                FROM, directory)), dir);
        assertThat(scenario.episodes).as("the faults page in the replay").hasSizeGreaterThanOrEqualTo(4);
        JdbcConfig jdbc = DATABASE.config();
        Migrations.migrate(jdbc, Map.of());
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start(dir)) {
            String kafka = broker.bootstrapServers();
            KafkaClients.createTopics(kafka, Map.of("hotline.cdr", 2, "hotline.alerts", 1, "hotline.metrics", 1,
                    "hotline.cdr.rejected", 1, "hotline.cdr.late", 1));
            JobConfig config = new JobConfig(JobConfig.DEFAULTS.metrics(),
                    new KafkaConfig(kafka, "restart", KafkaConfig.Topics.DEFAULTS, Map.of()), jdbc,
                    new DirectorySourceConfig(DirectorySourceConfig.Source.YAML, DIRECTORY.toString(),
                            Duration.ofMinutes(10)),
                    new RuntimeConfig(Duration.ofSeconds(1), null, 3, Duration.ofSeconds(1),
                            QUIET_PARTITION_AFTER, 2),
                    AlertsConfig.DEFAULTS, AlertmanagerConfig.DEFAULTS);
            LiveJob job = new LiveJob(config, directory, Map.of());
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(job.flinkConfiguration());
            job.buildOn(env, job.cdrSource(), new LiveSinks(config, Map.of()));
            int half = scenario.cdrs.size() / 2;
            try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(kafka)) {
                PacedFeed.produce(producer, scenario.cdrs, 0, 100, FEED_DURATION);
            }
            JobClient running = env.executeAsync("kafka restart test");
            try {
                try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(kafka)) {
                    PacedFeed.produce(producer, scenario.cdrs, 100, half, FEED_DURATION);
                }
                broker.stop();
                Thread.sleep(OUTAGE.toMillis());
                broker.startAgain();
                try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(kafka)) {
                    PacedFeed.produce(producer, scenario.cdrs, half, scenario.cdrs.size(), FEED_DURATION);
                }

                Map<String, String> rows = Map.of();
                long deadline = System.currentTimeMillis() + 180_000;
                while (System.currentTimeMillis() < deadline && !rows.equals(scenario.rows)) {
                    Thread.sleep(1_000);
                    rows = LiveOutputs.tableRows(jdbc);
                }
                assertThat(LiveOutputs.differences(scenario.rows, rows)).as("PostgreSQL rows").isEmpty();
                assertThat(LiveOutputs.differences(scenario.rows,
                        LiveOutputs.topicRows(KafkaClients.readAll(kafka, "hotline.metrics"))))
                        .as("rows on hotline.metrics").isEmpty();
                assertThat(KafkaClients.readAll(kafka, "hotline.cdr.late")).as("late CDRs").isEmpty();
                scenario.assertEpisodes(LiveOutputs.alertChanges(KafkaClients.readAll(kafka, "hotline.alerts")));
            } finally {
                running.cancel().get();
            }
        }
    }
}
