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
 * The Kafka broker shut down for half a minute under the running job, mid-stream, and started
 * again with its logs: {@code run} keeps going (restarting with back-off where it must) and ends
 * with exactly the rows and alert changes of {@code replay}, each alert change committed once.
 */
class KafkaRestartIntegrationTest {
    static final Duration BROKER_DOWN = Duration.ofSeconds(30);

    @RegisterExtension
    static final TemporaryDatabase DATABASE = new TemporaryDatabase("kafkarestart");

    @TempDir
    Path dir;

    @Test
    void runRidesOutABrokerRestartAndEndsAsReplayDoes() throws Exception {
        FaultScenario scenario = FaultScenario.build(dir);
        JdbcConfig jdbc = DATABASE.config();
        Migrations.migrate(jdbc, Map.of());
        try (InProcessKafka kafka = new InProcessKafka()) {
            FaultScenario.createTopics(kafka);
            Path config = FaultScenario.writeConfig(dir.resolve("job.yaml"), kafka.bootstrapServers(), jdbc,
                    dir.resolve("checkpoints"));
            try (RunProcess run = RunProcess.start(config, Path.of("target/fault-tests/kafka-restart.log"));
                 PacedProducer feed = new PacedProducer(kafka.bootstrapServers(), scenario.messages, 8,
                         Duration.ofMillis(200))) {
                run.awaitOutput("starting with empty state: first start", Duration.ofSeconds(60));
                FaultScenario.awaitRowsInTables(jdbc, 200);

                long restartsBefore = run.restarts();
                kafka.stopBroker();
                long stoppedAt = System.currentTimeMillis();
                while (System.currentTimeMillis() - stoppedAt < BROKER_DOWN.toMillis()) {
                    assertThat(run.isAlive()).as("run still running while the broker is down").isTrue();
                    Thread.sleep(1_000);
                }
                kafka.startBroker();
                long startedAt = System.currentTimeMillis();

                feed.awaitDone(Duration.ofMinutes(3));
                FaultScenario.Outputs outputs = scenario.awaitOutputs(kafka, jdbc, Duration.ofMinutes(2));
                long matchedAt = System.currentTimeMillis();
                outputs.assertMatch(scenario);
                assertThat(run.isAlive()).as("run still running").isTrue();
                System.out.printf("KafkaRestartIntegrationTest: broker down for %d s, %d job restarts since;"
                                + " outputs equal replay %.1f s after the broker was back: %d rows, %d episodes,"
                                + " %d alert changes compared%n",
                        BROKER_DOWN.toSeconds(), run.restarts() - restartsBefore, (matchedAt - startedAt) / 1000.0,
                        scenario.expectedRows.size(), scenario.expectedEpisodes.size(),
                        scenario.expectedChanges.size());
            }
        }
    }
}
