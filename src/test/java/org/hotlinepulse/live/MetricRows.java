package org.hotlinepulse.live;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hotlinepulse.avro.LineMetrics;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.metrics.Counts;
import org.hotlinepulse.metrics.MetricsCsv;
import org.hotlinepulse.metrics.WindowMetrics;
import org.hotlinepulse.postgres.PostgresConnections;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Metrics rows of the three places a test compares, each as a map from
 * {@link WindowMetrics#rowKey()} to the row in {@code metrics.csv} form (probe counts included):
 * a replay's {@code metrics.csv}, the metrics topic (last value per key, as compaction keeps it)
 * and the PostgreSQL tables.
 */
final class MetricRows {
    private MetricRows() {}

    /** The rows of a replay's {@code metrics.csv}. */
    static Map<String, String> ofReplay(Path metricsCsv) throws IOException {
        Map<String, String> rows = new HashMap<>();
        List<String> csv = Files.readAllLines(metricsCsv);
        for (String row : csv.subList(1, csv.size())) {
            String[] f = row.split(",", 5);
            rows.put(f[0] + "|" + f[1] + "|" + Instant.parse(f[2]).toEpochMilli() + "|" + f[3], row);
        }
        return rows;
    }

    /** The sum of one column of {@code metrics.csv} (such as {@code probe_attempts}) over the rows. */
    static long total(Map<String, String> rows, String column) {
        int index = List.of(MetricsCsv.HEADER.split(",")).indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + column + " in " + MetricsCsv.HEADER);
        }
        return rows.values().stream().mapToLong(row -> Long.parseLong(row.split(",", -1)[index])).sum();
    }

    /** The end of a row's window, in epoch milliseconds, from its key. */
    static long windowEnd(String rowKey) {
        String[] f = rowKey.split("\\|");
        return Long.parseLong(f[2]) + Long.parseLong(f[3]) * 60_000L;
    }

    /** The last value per row key on the metrics topic. */
    static Map<String, String> ofTopic(List<ConsumerRecord<byte[], byte[]>> messages) throws IOException {
        Map<String, String> rows = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> message : messages) {
            LineMetrics m = LineMetrics.fromByteBuffer(ByteBuffer.wrap(message.value()));
            Counts c = Counts.ofColumnValues(new long[] {m.getAttempts(), m.getConnected(), m.getAnswered(),
                    m.getAbandoned(), m.getShortAbandoned(), m.getNoAnswer(), m.getBusy(), m.getFailed(),
                    m.getAnsweredWithinSl(), m.getWaitMsSum(), m.getTalkMsSum(), m.getResolvedKnown(),
                    m.getResolved(), m.getSatisfactionCount(), m.getSatisfactionSum(), m.getSatisfied(),
                    m.getProbeAttempts(), m.getProbeConnected()});
            WindowMetrics row = new WindowMetrics(m.getScope(), m.getKey(), m.getDepartment(),
                    m.getWindowStart().toEpochMilli(), m.getWindowMinutes(), c);
            String key = new String(message.key(), StandardCharsets.UTF_8);
            if (!key.equals(row.rowKey())) {
                throw new AssertionError("message key " + key + " is not the row key " + row.rowKey());
            }
            rows.put(key, MetricsCsv.row(row));
        }
        return rows;
    }

    /** Both metrics tables. */
    static Map<String, String> ofTables(JdbcConfig jdbc) throws Exception {
        Map<String, String> rows = new HashMap<>();
        for (WindowMetrics row : windowsInTables(jdbc)) {
            rows.put(row.rowKey(), MetricsCsv.row(row));
        }
        return rows;
    }

    /** Every row of both metrics tables. */
    static List<WindowMetrics> windowsInTables(JdbcConfig jdbc) throws Exception {
        List<WindowMetrics> rows = new ArrayList<>();
        try (Connection connection = PostgresConnections.open(jdbc, Map.of());
             Statement statement = connection.createStatement()) {
            for (Scope scope : Scope.values()) {
                String key = scope == Scope.line ? "line" : "department";
                try (ResultSet r = statement.executeQuery("SELECT * FROM " + scope.name() + "_metrics")) {
                    while (r.next()) {
                        long[] values = new long[Counts.COLUMNS.size()];
                        for (int i = 0; i < values.length; i++) {
                            values[i] = r.getLong(Counts.COLUMNS.get(i));
                        }
                        rows.add(new WindowMetrics(scope, r.getString(key),
                                scope == Scope.line ? r.getString("department") : null,
                                r.getTimestamp("window_start").toInstant().toEpochMilli(),
                                r.getInt("window_minutes"), Counts.ofColumnValues(values)));
                    }
                }
            }
        }
        return rows;
    }

    /**
     * How {@code actual} rows differ from {@code expected}: counts of missing, different and extra
     * rows and the first few of each; empty when they are the same.
     */
    static String differences(Map<String, String> expected, Map<String, String> actual) {
        List<String> missing = new ArrayList<>();
        List<String> different = new ArrayList<>();
        for (Map.Entry<String, String> row : new TreeMap<>(expected).entrySet()) {
            String other = actual.get(row.getKey());
            if (other == null) {
                missing.add(row.getValue());
            } else if (!other.equals(row.getValue())) {
                different.add(row.getValue() + " but was " + other);
            }
        }
        List<String> extra = new TreeMap<>(actual).entrySet().stream()
                .filter(row -> !expected.containsKey(row.getKey())).map(Map.Entry::getValue).toList();
        if (missing.isEmpty() && different.isEmpty() && extra.isEmpty()) {
            return "";
        }
        return expected.size() + " rows expected; " + missing.size() + " missing " + first(missing)
                + "; " + different.size() + " different " + first(different)
                + "; " + extra.size() + " extra " + first(extra);
    }

    private static List<String> first(List<String> rows) {
        return rows.subList(0, Math.min(3, rows.size()));
    }
}
