package org.hotlinepulse.live;

import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.postgres.Migrations;
import org.hotlinepulse.postgres.TemporaryDatabase;
import org.hotlinepulse.testing.AlertmanagerWebhook;
import org.hotlinepulse.testing.InProcessKafka;
import org.hotlinepulse.testing.LocalAlertmanager;
import org.hotlinepulse.testing.PacedProducer;
import org.hotlinepulse.testing.RunProcess;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run} killed with SIGKILL mid-stream and started again: it resumes from the checkpoint
 * the killed process left behind and ends with exactly the rows and alert changes of
 * {@code replay} over the same CDRs, which a restart with empty state cannot (windows open at the
 * kill would be overwritten with partial counts, open episodes paged again).
 */
class RunKilledIntegrationTest {
    @RegisterExtension
    @Order(1)
    static final AlertmanagerWebhook PAGER = new AlertmanagerWebhook();

    @RegisterExtension
    @Order(2)
    static final LocalAlertmanager ALERTMANAGER = LocalAlertmanager.paging("5m", PAGER.url());

    @RegisterExtension
    static final TemporaryDatabase DATABASE = new TemporaryDatabase("runkilled");

    @TempDir
    Path dir;
    private double atKillProgress;

    @Test
    void aKilledRunResumesFromItsRetainedCheckpointAndEndsAsReplayDoes() throws Exception {
        FaultScenario scenario = FaultScenario.build(dir);
        JdbcConfig jdbc = DATABASE.config();
        Migrations.migrate(jdbc, Map.of());
        Path checkpoints = dir.resolve("checkpoints");
        try (InProcessKafka kafka = new InProcessKafka()) {
            FaultScenario.createTopics(kafka);
            Path config = FaultScenario.writeConfig(dir.resolve("job.yaml"), kafka.bootstrapServers(), jdbc,
                    checkpoints, ALERTMANAGER.url());
            RunProcess first = RunProcess.start(config, Path.of("target/fault-tests/run-killed-1.log"));
            PacedProducer feed;
            try (first) {
                first.awaitOutput("starting with empty state: first start", Duration.ofSeconds(60));
                feed = new PacedProducer(kafka.bootstrapServers(), scenario.messages, 8, Duration.ofMillis(200));
                awaitCheckpointAfter(feed, 0.4, checkpoints);
                first.kill();
            }
            long killedAt = System.currentTimeMillis();
            FaultScenario.Outputs atKill = FaultScenario.Outputs.read(kafka, jdbc);
            assertThat(atKill.tableRows()).as("killed mid-stream: some rows written, not all")
                    .isNotEmpty().hasSizeLessThan(scenario.expectedRows.size());

            try (feed; RunProcess second = RunProcess.start(config, Path.of("target/fault-tests/run-killed-2.log"))) {
                second.awaitOutput("resuming from the newest retained checkpoint", Duration.ofSeconds(60));
                long feedDoneAt = feed.awaitDone(Duration.ofMinutes(3));
                FaultScenario.Outputs outputs = scenario.awaitOutputs(kafka, jdbc, Duration.ofMinutes(2));
                long matchedAt = System.currentTimeMillis();
                outputs.assertMatch(scenario);
                scenario.assertPagedOnce(PAGER, "RunKilledIntegrationTest");
                System.out.printf("RunKilledIntegrationTest: killed at %.0f %% of %d CDRs; outputs equal replay"
                                + " %.1f s after the kill, %.1f s after the last CDR was sent: %d rows, %d episodes,"
                                + " %d alert changes compared; 'fenced' in the log of the restarted run: %s%n",
                        100 * atKillProgress, scenario.messages.size(), (matchedAt - killedAt) / 1000.0,
                        (matchedAt - feedDoneAt) / 1000.0, scenario.expectedRows.size(),
                        scenario.expectedEpisodes.size(), scenario.expectedChanges.size(),
                        second.output().contains("fenced"));
            }
        }
    }

    /** Waits until the feed has sent {@code share} of its CDRs and a checkpoint completed after that. */
    private void awaitCheckpointAfter(PacedProducer feed, double share, Path checkpoints) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        while (feed.progress() < share) {
            assertThat(System.currentTimeMillis()).as("the feed reaches %s", share).isLessThan(deadline);
            Thread.sleep(100);
        }
        long reachedAt = System.currentTimeMillis();
        while (RetainedState.newest(checkpoints.toUri().toString(), null)
                .filter(c -> c.completedAtMs() > reachedAt).isEmpty()) {
            assertThat(System.currentTimeMillis()).as("a checkpoint completes").isLessThan(deadline);
            Thread.sleep(100);
        }
        atKillProgress = feed.progress();
    }
}
