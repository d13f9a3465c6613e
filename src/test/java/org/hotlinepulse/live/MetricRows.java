package org.hotlinepulse.live;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hotlinepulse.avro.LineMetrics;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.metrics.Counts;
import org.hotlinepulse.metrics.MetricsCsv;
import org.hotlinepulse.metrics.WindowMetrics;
import org.hotlinepulse.postgres.PostgresConnections;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metrics rows of the three places a test compares, each as a map from
 * {@link WindowMetrics#rowKey()} to the row in {@code metrics.csv} form: a replay's
 * {@code metrics.csv}, the metrics topic (last value per key, as compaction keeps it) and the
 * PostgreSQL tables.
 */
final class MetricRows {
    private MetricRows() {}

    /** The rows of a replay's {@code metrics.csv}. */
    static Map<String, String> ofReplay(Path metricsCsv) throws Exception {
        Map<String, String> rows = new HashMap<>();
        List<String> csv = Files.readAllLines(metricsCsv);
        for (String row : csv.subList(1, csv.size())) {
            String[] f = row.split(",", 5);
            rows.put(f[0] + "|" + f[1] + "|" + Instant.parse(f[2]).toEpochMilli() + "|" + f[3], row);
        }
        return rows;
    }

    /** The end of a row's window, in epoch milliseconds, from its key. */
    static long windowEnd(String rowKey) {
        String[] f = rowKey.split("\\|");
        return Long.parseLong(f[2]) + Long.parseLong(f[3]) * 60_000L;
    }

    /** The last value per row key on the metrics topic. */
    static Map<String, String> ofTopic(List<ConsumerRecord<byte[], byte[]>> messages) throws Exception {
        Map<String, String> rows = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> message : messages) {
            LineMetrics m = LineMetrics.fromByteBuffer(ByteBuffer.wrap(message.value()));
            Counts c = new Counts();
            c.attempts = m.getAttempts();
            c.connected = m.getConnected();
            c.answered = m.getAnswered();
            c.abandoned = m.getAbandoned();
            c.shortAbandoned = m.getShortAbandoned();
            c.noAnswer = m.getNoAnswer();
            c.busy = m.getBusy();
            c.failed = m.getFailed();
            c.answeredWithinSl = m.getAnsweredWithinSl();
            c.waitMsSum = m.getWaitMsSum();
            c.talkMsSum = m.getTalkMsSum();
            c.resolvedKnown = m.getResolvedKnown();
            c.resolved = m.getResolved();
            c.satisfactionCount = m.getSatisfactionCount();
            c.satisfactionSum = m.getSatisfactionSum();
            c.satisfied = m.getSatisfied();
            WindowMetrics row = new WindowMetrics(m.getScope(), m.getKey(), m.getDepartment(),
                    m.getWindowStart().toEpochMilli(), m.getWindowMinutes(), c);
            assertThat(new String(message.key(), StandardCharsets.UTF_8)).isEqualTo(row.rowKey());
            rows.put(row.rowKey(), MetricsCsv.row(row));
        }
        return rows;
    }

    /** Both metrics tables. */
    static Map<String, String> ofTables(JdbcConfig jdbc) throws Exception {
        Map<String, String> rows = new HashMap<>();
        try (Connection connection = PostgresConnections.open(jdbc, Map.of());
             Statement statement = connection.createStatement()) {
            for (Scope scope : Scope.values()) {
                String key = scope == Scope.line ? "line" : "department";
                try (ResultSet r = statement.executeQuery("SELECT * FROM " + scope.name() + "_metrics")) {
                    while (r.next()) {
                        Counts c = new Counts();
                        c.attempts = r.getLong("attempts");
                        c.connected = r.getLong("connected");
                        c.answered = r.getLong("answered");
                        c.abandoned = r.getLong("abandoned");
                        c.shortAbandoned = r.getLong("short_abandoned");
                        c.noAnswer = r.getLong("no_answer");
                        c.busy = r.getLong("busy");
                        c.failed = r.getLong("failed");
                        c.answeredWithinSl = r.getLong("answered_within_sl");
                        c.waitMsSum = r.getLong("wait_ms_sum");
                        c.talkMsSum = r.getLong("talk_ms_sum");
                        c.resolvedKnown = r.getLong("resolved_known");
                        c.resolved = r.getLong("resolved");
                        c.satisfactionCount = r.getLong("satisfaction_count");
                        c.satisfactionSum = r.getLong("satisfaction_sum");
                        c.satisfied = r.getLong("satisfied");
                        WindowMetrics row = new WindowMetrics(scope, r.getString(key),
                                scope == Scope.line ? r.getString("department") : null,
                                r.getTimestamp("window_start").toInstant().toEpochMilli(),
                                r.getInt("window_minutes"), c);
                        rows.put(row.rowKey(), MetricsCsv.row(row));
                    }
                }
            }
        }
        return rows;
    }
}
