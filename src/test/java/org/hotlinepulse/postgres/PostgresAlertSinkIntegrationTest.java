package org.hotlinepulse.postgres;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.hotlinepulse.alerts.AlertFixtures;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert sink in a Flink job on a MiniCluster, writing to a real PostgreSQL: one row per
 * episode, RESOLVED final even when its FIRING is delivered again afterwards.
 */
class PostgresAlertSinkIntegrationTest {

    @RegisterExtension
    @Order(1)
    static final TemporaryDatabase DB = new TemporaryDatabase("alertsink");

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    @BeforeEach
    void emptyTable() throws Exception {
        Migrations.migrate(DB.config(), Map.of());
        try (Connection c = DB.connect(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE alerts");
        }
    }

    @Test
    void resolvedEpisodesStayResolvedWhenTheirFiringIsReplayedAndOpenOnesStayOpen() throws Exception {
        Alert first = AlertFixtures.firing("ep-1", "037167890001", "2026-10-12T02:00:00Z");
        Alert firstResolved = AlertFixtures.resolved(first, "2026-10-12T02:40:00Z");
        Alert open = AlertFixtures.firing("ep-2", "037167890002", "2026-10-12T03:00:00Z");
        Alert stale = Alert.newBuilder(AlertFixtures.firing("ep-3", null, "2026-10-12T04:00:00Z"))
                .setType(AlertType.FEED_STALE).setDepartment(null)
                .setLabels(Map.of("source", "pbx-east", "zone", "一区")).build();

        // A restart replays everything since the last checkpoint: here the changes come twice,
        // the second FIRING of ep-1 after its RESOLVED.
        run(List.of(first, open, firstResolved, stale, first, open, firstResolved, first));

        try (Connection c = DB.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM alerts ORDER BY id")) {
            Map<String, Map<String, Object>> rows = new TreeMap<>();
            while (rs.next()) {
                Map<String, Object> row = new TreeMap<>();
                for (String column : List.of("type", "severity", "state", "line", "department", "summary")) {
                    row.put(column, rs.getString(column));
                }
                row.put("labels", rs.getString("labels"));
                row.put("starts_at", rs.getObject("starts_at", OffsetDateTime.class).toInstant());
                OffsetDateTime endsAt = rs.getObject("ends_at", OffsetDateTime.class);
                row.put("ends_at", endsAt == null ? "null" : endsAt.toInstant());
                rows.put(rs.getString("id"), row);
            }
            assertThat(rows).containsOnlyKeys("ep-1", "ep-2", "ep-3");
            assertThat(rows.get("ep-1")).containsEntry("state", "RESOLVED")
                    .containsEntry("type", "UNANSWERED").containsEntry("severity", "critical")
                    .containsEntry("line", "037167890001").containsEntry("department", "zz-social-security")
                    .containsEntry("starts_at", Instant.parse("2026-10-12T02:00:00Z"))
                    .containsEntry("ends_at", Instant.parse("2026-10-12T02:40:00Z"))
                    .containsEntry("labels", "{\"mode\": \"QUEUE_ABANDON\"}")
                    .containsEntry("summary", "037167890001 号线路无人接听 | line 037167890001 is unanswered");
            assertThat(rows.get("ep-2")).containsEntry("state", "FIRING").containsEntry("ends_at", "null");
            assertThat(rows.get("ep-3")).containsEntry("state", "FIRING").containsEntry("type", "FEED_STALE")
                    .containsEntry("line", null).containsEntry("department", null)
                    .containsEntry("labels", "{\"zone\": \"一区\", \"source\": \"pbx-east\"}");
        }
        try (Connection c = DB.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM alerts WHERE state = 'FIRING'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }

    private static void run(List<Alert> changes) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        PostgresAlertSink.attach(env.fromData(Alert.class, changes.toArray(new Alert[0])).setParallelism(1),
                DB.config(), Map.of(), MetricsSinkSettings.DEFAULTS);
        env.execute("alert sink test");
    }
}
