package org.hotlinepulse.live;

import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.postgres.Migrations;
import org.hotlinepulse.postgres.TemporaryDatabase;
import org.hotlinepulse.testing.InProcessKafka;
import org.hotlinepulse.testing.PacedProducer;
import org.hotlinepulse.testing.RunProcess;
import org.hotlinepulse.testing.TcpProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL unreachable for two and a half minutes mid-stream, longer than the fixed-delay
 * restarts (10 x 10 s) that used to end {@code run}: the job fails, restarts with back-off from
 * its checkpoint for as long as it takes, and once the database is back ends with exactly the
 * rows and alert changes of {@code replay} (upserts replayed from the checkpoint converge). The
 * database is cut by a proxy between the job and the server, never by stopping the server.
 */
class PostgresOutageIntegrationTest {
    static final Duration OUTAGE = Duration.ofSeconds(150);

    @RegisterExtension
    static final TemporaryDatabase DATABASE = new TemporaryDatabase("pgoutage");

    @TempDir
    Path dir;

    @Test
    void runRidesOutADatabaseOutageLongerThanTheOldRestartBudgetAndEndsAsReplayDoes() throws Exception {
        FaultScenario scenario = FaultScenario.build(dir);
        JdbcConfig direct = DATABASE.config();
        Migrations.migrate(direct, Map.of());
        URI server = URI.create(direct.url().substring("jdbc:".length()));
        try (InProcessKafka kafka = new InProcessKafka();
             TcpProxy proxy = new TcpProxy(server.getHost(), server.getPort())) {
            FaultScenario.createTopics(kafka);
            JdbcConfig throughProxy = new JdbcConfig(direct.url().replace(":" + server.getPort() + "/",
                    ":" + proxy.port() + "/"), direct.user());
            Path config = FaultScenario.writeConfig(dir.resolve("job.yaml"), kafka.bootstrapServers(),
                    throughProxy, dir.resolve("checkpoints"));
            try (RunProcess run = RunProcess.start(config, Path.of("target/fault-tests/postgres-outage.log"));
                 PacedProducer feed = new PacedProducer(kafka.bootstrapServers(), scenario.messages, 8,
                         Duration.ofMillis(200))) {
                run.awaitOutput("starting with empty state: first start", Duration.ofSeconds(60));
                FaultScenario.awaitRowsInTables(direct, 100);

                proxy.cut();
                long cutAt = System.currentTimeMillis();
                int rowsAtCut = MetricRows.ofTables(direct).size();
                double feedAtCut = feed.progress();
                long restartsBefore = run.restarts();
                while (System.currentTimeMillis() - cutAt < OUTAGE.toMillis()) {
                    assertThat(run.isAlive()).as("run still running %d s into the outage",
                            (System.currentTimeMillis() - cutAt) / 1000).isTrue();
                    Thread.sleep(1_000);
                }
                assertThat(MetricRows.ofTables(direct)).as("nothing reached the database while cut off")
                        .hasSize(rowsAtCut);
                assertThat(feed.progress()).as("the feed went on during the outage").isGreaterThan(feedAtCut);
                long restartsDuringOutage = run.restarts() - restartsBefore;
                assertThat(restartsDuringOutage).as("the job failed and restarted, with back-off, all along")
                        .isBetween(OUTAGE.toSeconds() / 10, OUTAGE.toSeconds() / 2);
                proxy.restore();
                long restoredAt = System.currentTimeMillis();

                FaultScenario.Outputs outputs = scenario.awaitOutputs(kafka, direct, Duration.ofMinutes(2));
                long matchedAt = System.currentTimeMillis();
                outputs.assertMatch(scenario);
                assertThat(run.isAlive()).as("run still running").isTrue();
                System.out.printf("PostgresOutageIntegrationTest: database cut for %d s with %d of %d rows"
                                + " written, %d restarts meanwhile; outputs equal replay %.1f s after it was back:"
                                + " %d rows, %d episodes, %d alert changes compared%n",
                        OUTAGE.toSeconds(), rowsAtCut, scenario.expectedRows.size(), restartsDuringOutage,
                        (matchedAt - restoredAt) / 1000.0, scenario.expectedRows.size(),
                        scenario.expectedEpisodes.size(), scenario.expectedChanges.size());
            }
        }
    }
}
