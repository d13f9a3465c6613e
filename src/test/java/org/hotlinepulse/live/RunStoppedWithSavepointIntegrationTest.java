package org.hotlinepulse.live;

import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.postgres.Migrations;
import org.hotlinepulse.postgres.TemporaryDatabase;
import org.hotlinepulse.testing.InProcessKafka;
import org.hotlinepulse.testing.PacedProducer;
import org.hotlinepulse.testing.RunProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run} stopped with SIGTERM mid-stream writes a savepoint and exits 0; started again it
 * resumes from that savepoint (newer than any checkpoint) and ends with exactly the rows and
 * alert changes of {@code replay}. A start with empty state over the consumer group's committed
 * offsets is refused.
 */
class RunStoppedWithSavepointIntegrationTest {
    @RegisterExtension
    static final TemporaryDatabase DATABASE = new TemporaryDatabase("runsavepoint");

    @TempDir
    Path dir;

    @Test
    void aRunStoppedWithASavepointIsResumedFromItAndEndsAsReplayDoes() throws Exception {
        FaultScenario scenario = FaultScenario.build(dir);
        JdbcConfig jdbc = DATABASE.config();
        Migrations.migrate(jdbc, Map.of());
        Path checkpoints = dir.resolve("checkpoints");
        try (InProcessKafka kafka = new InProcessKafka()) {
            FaultScenario.createTopics(kafka);
            Path config = FaultScenario.writeConfig(dir.resolve("job.yaml"), kafka.bootstrapServers(), jdbc,
                    checkpoints);
            PacedProducer feed;
            try (RunProcess first = RunProcess.start(config, Path.of("target/fault-tests/run-savepoint-1.log"))) {
                first.awaitOutput("starting with empty state: first start", Duration.ofSeconds(60));
                feed = new PacedProducer(kafka.bootstrapServers(), scenario.messages, 8, Duration.ofMillis(200));
                FaultScenario.awaitRowsInTables(jdbc, 300);
                long stoppedAt = System.currentTimeMillis();
                assertThat(first.terminate(Duration.ofSeconds(60))).as("exit code after SIGTERM").isZero();
                assertThat(first.output()).contains("stopped with a savepoint at ");
                System.out.printf("RunStoppedWithSavepointIntegrationTest: stopped with a savepoint in %.1f s%n",
                        (System.currentTimeMillis() - stoppedAt) / 1000.0);
            }
            RetainedState.Snapshot savepoint = RetainedState.newest(checkpoints.toUri().toString(),
                    checkpoints.resolve("savepoints").toUri().toString()).orElseThrow();
            assertThat(savepoint.kind()).as("the newest retained state").isEqualTo(RetainedState.Snapshot.Kind.SAVEPOINT);

            Path elsewhere = FaultScenario.writeConfig(dir.resolve("elsewhere.yaml"), kafka.bootstrapServers(),
                    jdbc, dir.resolve("no-checkpoints-here"));
            try (RunProcess refused = RunProcess.start(elsewhere, Path.of("target/fault-tests/run-savepoint-refused.log"))) {
                assertThat(refused.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
                assertThat(refused.output()).contains("has committed offsets: starting with empty state would"
                        + " overwrite complete rows", "--fresh-state");
            }

            try (feed; RunProcess second = RunProcess.start(config, Path.of("target/fault-tests/run-savepoint-2.log"))) {
                second.awaitOutput("resuming from the newest retained savepoint", Duration.ofSeconds(60));
                feed.awaitDone(Duration.ofMinutes(3));
                FaultScenario.Outputs outputs = scenario.awaitOutputs(kafka, jdbc, Duration.ofMinutes(2));
                outputs.assertMatch(scenario);
                System.out.printf("RunStoppedWithSavepointIntegrationTest: resumed from %s; %d rows, %d episodes,"
                                + " %d alert changes compared%n", savepoint.path(), scenario.expectedRows.size(),
                        scenario.expectedEpisodes.size(), scenario.expectedChanges.size());
            }
        }
    }
}
