package org.hotlinepulse.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.avro.Severity;
import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.DirectoryLoader;
import org.hotlinepulse.metrics.Counts;
import org.hotlinepulse.metrics.WindowMetrics;
import org.hotlinepulse.postgres.AlertUpsert;
import org.hotlinepulse.postgres.DatabaseException;
import org.hotlinepulse.postgres.MetricsUpsert;
import org.hotlinepulse.postgres.PostgresConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's store over the tables the {@code run} job writes ({@code line_metrics},
 * {@code department_metrics}, {@code alerts}; docs/postgres.md), with the directory from where
 * the job reads it, reloaded every {@code directoryReload} (a failed reload keeps the last good
 * one). One connection, opened again after a failure; calls are serialised on it.
 */
public final class PostgresDashboardStore implements DashboardStore {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresDashboardStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};
    /** PostgreSQL's SQLSTATE for "relation does not exist". */
    private static final String UNDEFINED_TABLE = "42P01";

    private final JdbcConfig jdbc;
    private final Map<String, String> env;
    private final DirectoryLoader directoryLoader;
    private final Duration directoryReload;
    private final Duration horizon;
    private final Clock clock;
    private Connection connection;
    private Directory directory;
    private Instant directoryLoadedAt;
    private long directoryChanges;

    /**
     * Loads the directory once, so that a store that cannot work fails here.
     *
     * @param horizon how far back the dashboard looks: {@link #version()} watches the metrics
     *     rows of windows that start within it (on the window_start indexes)
     */
    public PostgresDashboardStore(JdbcConfig jdbc, Map<String, String> env, DirectoryLoader directoryLoader,
                                  Duration directoryReload, Duration horizon, Clock clock)
            throws DashboardStoreException {
        this.jdbc = jdbc;
        this.env = Map.copyOf(env);
        this.directoryLoader = directoryLoader;
        this.directoryReload = directoryReload;
        this.horizon = horizon;
        this.clock = clock;
        try {
            this.directory = directoryLoader.load();
        } catch (Exception e) {
            throw new DashboardStoreException("cannot load the line directory: " + e.getMessage(), e);
        }
        this.directoryLoadedAt = clock.instant();
    }

    @Override
    public synchronized Directory directory() {
        Instant now = clock.instant();
        if (!now.isBefore(directoryLoadedAt.plus(directoryReload))) {
            directoryLoadedAt = now;
            try {
                Directory reloaded = directoryLoader.load();
                if (!reloaded.equals(directory)) {
                    directory = reloaded;
                    directoryChanges++;
                }
            } catch (Exception e) {
                LOG.warn("line directory not reloaded, the previous one stays in force: {}", e.getMessage());
            }
        }
        return directory;
    }

    @Override
    public synchronized List<WindowMetrics> windows(Scope scope, int windowMinutes, Instant since)
            throws DashboardStoreException {
        String key = scope == Scope.line ? "line" : "department";
        String sql = "SELECT " + key + ", department, window_start, "
                + String.join(", ", MetricsUpsert.COUNT_COLUMNS)
                + " FROM " + MetricsUpsert.table(scope)
                + " WHERE window_minutes = ? AND window_start >= ? ORDER BY window_start, " + key;
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            statement.setInt(1, windowMinutes);
            statement.setObject(2, utc(since));
            List<WindowMetrics> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(new WindowMetrics(scope, rs.getString(1), scope == Scope.line ? rs.getString(2) : null,
                            rs.getTimestamp(3).getTime(), windowMinutes, counts(rs, 4)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw failed("cannot read " + MetricsUpsert.table(scope), e);
        }
    }

    @Override
    public synchronized List<Alert> alerts(Instant resolvedSince) throws DashboardStoreException {
        String sql = "SELECT id, type, severity, state, line, department, starts_at, ends_at, labels::text, summary"
                + " FROM " + AlertUpsert.TABLE + " WHERE state = 'FIRING' OR ends_at >= ? ORDER BY starts_at, id";
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            statement.setObject(1, utc(resolvedSince));
            List<Alert> alerts = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Timestamp endsAt = rs.getTimestamp(8);
                    alerts.add(Alert.newBuilder()
                            .setId(rs.getString(1))
                            .setType(AlertType.valueOf(rs.getString(2)))
                            .setSeverity(Severity.valueOf(rs.getString(3)))
                            .setState(AlertState.valueOf(rs.getString(4)))
                            .setLine(rs.getString(5))
                            .setDepartment(rs.getString(6))
                            .setStartsAt(rs.getTimestamp(7).toInstant())
                            .setEndsAt(endsAt == null ? null : endsAt.toInstant())
                            .setLabels(labels(rs.getString(9)))
                            .setSummary(rs.getString(10))
                            .build());
                }
            }
            return alerts;
        } catch (SQLException e) {
            throw failed("cannot read " + AlertUpsert.TABLE, e);
        }
    }

    /** The newest {@code updated_at} of each table (recent metrics windows only) and the directory's changes. */
    @Override
    public synchronized long version() throws DashboardStoreException {
        directory();
        String sql = "SELECT (SELECT max(updated_at) FROM line_metrics WHERE window_start >= ?),"
                + " (SELECT max(updated_at) FROM department_metrics WHERE window_start >= ?),"
                + " (SELECT max(updated_at) FROM alerts), (SELECT count(*) FROM alerts)";
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            OffsetDateTime since = utc(clock.instant().minus(horizon));
            statement.setObject(1, since);
            statement.setObject(2, since);
            long version = directoryChanges;
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                for (int column = 1; column <= 3; column++) {
                    Timestamp t = rs.getTimestamp(column);
                    version = 31 * version + (t == null ? 0 : t.getTime() * 1_000_000 + t.getNanos());
                }
                version = 31 * version + rs.getLong(4);
            }
            return version;
        } catch (SQLException e) {
            throw failed("cannot poll for changes", e);
        }
    }

    @Override
    public synchronized void close() {
        closeConnection();
    }

    private Connection connection() throws DashboardStoreException {
        try {
            if (connection == null || connection.isClosed()) {
                connection = PostgresConnections.open(jdbc, env);
            }
            return connection;
        } catch (DatabaseException | SQLException e) {
            throw new DashboardStoreException(e.getMessage(), e);
        }
    }

    /** Drops the connection, so that the next call opens a new one (the server may have restarted). */
    private DashboardStoreException failed(String what, SQLException e) {
        closeConnection();
        String hint = UNDEFINED_TABLE.equals(e.getSQLState()) ? "; run hotline-pulse migrate first" : "";
        return new DashboardStoreException(what + " (" + jdbc.urlWithoutPassword() + "): "
                + DatabaseException.oneLine(e.getMessage()) + hint, e);
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already broken; a new one is opened on the next call.
            }
            connection = null;
        }
    }

    /** The counts of {@link Counts#COLUMNS}, read from {@code first} on. */
    private static Counts counts(ResultSet rs, int first) throws SQLException {
        long[] values = new long[Counts.COLUMNS.size()];
        for (int k = 0; k < values.length; k++) {
            values[k] = rs.getLong(first + k);
        }
        return Counts.ofColumnValues(values);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Map<String, String> labels(String json) {
        try {
            return JSON.readValue(json, LABELS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alerts.labels is not a JSON object of strings: " + json, e);
        }
    }
}
