package org.hotlinepulse.live;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hotlinepulse.alerts.AlertBytes;
import org.hotlinepulse.alerts.AlertFixtures;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.config.AlertmanagerConfig;
import org.hotlinepulse.config.AlertsConfig;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.config.KafkaConfig;
import org.hotlinepulse.postgres.Migrations;
import org.hotlinepulse.postgres.TemporaryDatabase;
import org.hotlinepulse.testing.InProcessKafka;
import org.hotlinepulse.testing.LocalAlertmanager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** LiveSinks.alerts in a checkpointed job: every change on the topic, episodes in PostgreSQL and Alertmanager. */
class LiveAlertSinksIntegrationTest {

    @RegisterExtension
    @Order(1)
    static final TemporaryDatabase DB = new TemporaryDatabase("livealerts");

    @RegisterExtension
    @Order(2)
    static final LocalAlertmanager ALERTMANAGER = new LocalAlertmanager("5m");

    @RegisterExtension
    @Order(3)
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2).build());

    private static InProcessKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = new InProcessKafka();
        kafka.createTopics(Map.of("hotline.alerts", 2));
    }

    @AfterAll
    static void stopKafka() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void changesReachTheTopicTheTableAndAlertmanager() throws Exception {
        Migrations.migrate(DB.config(), Map.of());
        Alert a = AlertFixtures.firing("live-a", "037167890001", "2026-10-12T02:00:00Z");
        Alert b = AlertFixtures.firing("live-b", "037167890002", "2026-10-12T02:05:00Z");
        Alert aResolved = AlertFixtures.resolved(a, "2026-10-12T02:30:00Z");
        JobConfig config = new JobConfig(JobConfig.DEFAULTS.metrics(),
                new KafkaConfig(kafka.bootstrapServers(), "alerts-test", KafkaConfig.Topics.DEFAULTS, Map.of()),
                DB.config(), JobConfig.DEFAULTS.directory(), JobConfig.DEFAULTS.runtime(), AlertsConfig.DEFAULTS,
                new AlertmanagerConfig(List.of(ALERTMANAGER.url()), Duration.ofSeconds(1),
                        Duration.ofSeconds(2), Duration.ofSeconds(1)));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(200);
        env.setParallelism(2);
        new LiveSinks(config, Map.of()).alerts(env.fromData(Alert.class, a, b, aResolved).setParallelism(1));
        env.execute("live alert sinks test");

        List<Alert> published = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> message : kafka.readAll("hotline.alerts")) {
            Alert alert = AlertBytes.decode(message.value());
            assertThat(new String(message.key(), StandardCharsets.UTF_8)).isEqualTo(alert.getId());
            published.add(alert);
        }
        assertThat(published).containsExactlyInAnyOrder(a, b, aResolved);

        try (Connection c = DB.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, state FROM alerts ORDER BY id")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + "=" + rs.getString(2));
            }
            assertThat(rows).containsExactly("live-a=RESOLVED", "live-b=FIRING");
        }
        assertThat(ALERTMANAGER.activeEpisodes()).containsExactly("live-b");
    }
}
