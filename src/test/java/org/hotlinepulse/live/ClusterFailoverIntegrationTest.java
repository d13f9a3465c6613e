package org.hotlinepulse.live;

import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.postgres.TemporaryDatabase;
import org.hotlinepulse.testing.AlertmanagerWebhook;
import org.hotlinepulse.testing.FlinkRestClient;
import org.hotlinepulse.testing.FlinkSessionCluster;
import org.hotlinepulse.testing.InProcessKafka;
import org.hotlinepulse.testing.LocalAlertmanager;
import org.hotlinepulse.testing.PacedProducer;
import org.hotlinepulse.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live job on a real multi-process Flink session cluster (a JobManager and two TaskManagers of
 * one slot each, separate JVMs), submitted as {@code hotline-pulse-job.jar} through the REST API: the
 * TaskManager running it is killed with SIGKILL mid-stream, and the job recovers on the other one
 * from its last checkpoint and ends with exactly the rows and alert changes of {@code replay} over
 * the same CDRs, each episode paged at a real Alertmanager at most once. At parallelism 1 the job needs one slot, so the second TaskManager is the spare it
 * moves to. Needs {@code target/hotline-pulse-job.jar}: {@code mvn verify} builds it before this runs.
 */
class ClusterFailoverIntegrationTest {
    private static final Duration RECOVERY_TIMEOUT = Duration.ofMinutes(2);

    @RegisterExtension
    @Order(1)
    static final AlertmanagerWebhook PAGER = new AlertmanagerWebhook();

    @RegisterExtension
    @Order(2)
    static final LocalAlertmanager ALERTMANAGER = LocalAlertmanager.paging("5m", PAGER.url());

    @RegisterExtension
    static final TemporaryDatabase DATABASE = new TemporaryDatabase("cluster");

    @TempDir
    static Path dir;
    private static InProcessKafka kafka;
    private static FlinkSessionCluster cluster;

    @BeforeAll
    static void startKafkaAndCluster() throws Exception {
        assertThat(FlinkSessionCluster.JOB_JAR).as("the cluster job jar; build it with mvn package").isRegularFile();
        kafka = new InProcessKafka();
        cluster = FlinkSessionCluster.start(dir.resolve("flink"), Path.of("target/cluster-tests/failover"),
                FlinkSessionCluster.JOB_JAR, 2);
    }

    @AfterAll
    static void stopClusterAndKafka() throws Exception {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    @Test
    void aJobWhoseTaskManagerIsKilledRecoversOnTheOtherFromItsCheckpointAndEndsAsReplayDoes() throws Exception {
        FaultScenario scenario = FaultScenario.build(dir);
        JdbcConfig jdbc = DATABASE.config();
        FaultScenario.createTopics(kafka);
        Path config = FaultScenario.writeConfig(dir.resolve("job.yaml"), kafka.bootstrapServers(), jdbc,
                dir.resolve("checkpoints"), ALERTMANAGER.url());
        FlinkRestClient rest = cluster.rest();
        String job = rest.submit(FlinkSessionCluster.JOB_JAR, FlinkSessionCluster.ENTRY_CLASS,
                List.of("--config", config.toString()));
        Poll.until("the job runs", Duration.ofMinutes(2), () -> rest.allTasksRunning(job));

        try (PacedProducer feed = new PacedProducer(kafka.bootstrapServers(), scenario.messages, 8,
                Duration.ofMillis(200))) {
            Poll.until("40 % of the CDRs are sent", Duration.ofMinutes(2), () -> feed.progress() >= 0.4);
            long checkpointBefore = rest.latestCompletedCheckpoint(job);
            Poll.until("a checkpoint completes after that", Duration.ofMinutes(1),
                    () -> rest.latestCompletedCheckpoint(job) > checkpointBefore);
            Set<String> running = rest.taskManagersOf(job);
            assertThat(running).as("parallelism 1: one TaskManager runs every task").hasSize(1);
            String victim = running.iterator().next();
            double progressAtKill = feed.progress();
            long checkpointSeenBeforeKill = rest.latestCompletedCheckpoint(job);

            long killedAt = System.nanoTime();
            int exitCode = cluster.kill(victim);
            assertThat(exitCode).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
            Poll.until("the job notices the loss", RECOVERY_TIMEOUT, () -> !rest.allTasksRunning(job));
            // Read after the kill: one more checkpoint may complete between the read above and the kill,
            // none after it, since every task ran on the killed TaskManager.
            long checkpointAtKill = rest.latestCompletedCheckpoint(job);
            long runningAgain = Poll.until("the job runs again", RECOVERY_TIMEOUT, () -> rest.allTasksRunning(job));
            assertThat(rest.taskManagersOf(job)).as("the tasks moved to the survivor")
                    .hasSize(1).doesNotContain(victim);
            long restoredFrom = rest.checkpoints(job).path("latest").path("restored").path("id").asLong(-1);
            assertThat(restoredFrom).as("restored from the last checkpoint completed before the kill")
                    .isGreaterThanOrEqualTo(checkpointSeenBeforeKill).isLessThanOrEqualTo(checkpointAtKill);
            long checkpointAgain = Poll.until("a checkpoint completes on the survivor", RECOVERY_TIMEOUT,
                    () -> rest.latestCompletedCheckpoint(job) > checkpointAtKill);

            feed.awaitDone(Duration.ofMinutes(3));
            FaultScenario.Outputs outputs = scenario.awaitOutputs(kafka, jdbc, Duration.ofMinutes(2));
            outputs.assertMatch(scenario);
            scenario.assertPagedOnce(PAGER, "ClusterFailoverIntegrationTest");
            System.out.printf("ClusterFailoverIntegrationTest: %s SIGKILLed at %.0f %% of %d CDRs; job RUNNING again"
                            + " on the other TaskManager %.1f s after the kill (restored checkpoint %d), first new"
                            + " checkpoint %.1f s after the kill; outputs equal replay: %d rows, %d episodes%n",
                    victim, 100 * progressAtKill, scenario.messages.size(), (runningAgain - killedAt) / 1e9,
                    restoredFrom, (checkpointAgain - killedAt) / 1e9, scenario.expectedRows.size(),
                    scenario.expectedEpisodes.size());
        }
    }
}
