package org.hotlinepulse.postgres;

import org.hotlinepulse.assessment.AlertEpisode;
import org.hotlinepulse.assessment.AssessmentInputException;
import org.hotlinepulse.assessment.AssessmentSource;
import org.hotlinepulse.assessment.LineWindow;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.metrics.Counts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The live job's tables as the source of an assessment: {@code line_metrics} (V1) and {@code
 * alerts} (V3), read over one connection in one repeatable-read snapshot, so that rows the job
 * writes meanwhile do not mix into a run.
 */
public final class PostgresAssessmentSource implements AssessmentSource, AutoCloseable {
    private final Connection connection;
    private final JdbcConfig config;
    private final Directory directory;

    /**
     * @param connection an open connection; this source owns and closes it
     * @throws DatabaseException when the snapshot cannot be started
     */
    public PostgresAssessmentSource(Connection connection, JdbcConfig config, Directory directory)
            throws DatabaseException {
        this.connection = connection;
        this.config = config;
        this.directory = directory;
        try {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
        } catch (SQLException e) {
            throw new DatabaseException(PostgresConnections.describe("starting a read snapshot", config, e), e);
        }
    }

    @Override
    public String description() {
        return "PostgreSQL " + config.urlWithoutPassword() + " (line_metrics, alerts)";
    }

    @Override
    public Directory directory() {
        return directory;
    }

    @Override
    public NavigableSet<Integer> lineWindowSizes(Instant from, Instant to) throws AssessmentInputException {
        NavigableSet<Integer> sizes = new TreeSet<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT DISTINCT window_minutes FROM line_metrics"
                + " WHERE window_start >= ? AND window_start < ?")) {
            s.setTimestamp(1, Timestamp.from(from));
            s.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sizes.add(rs.getInt(1));
                }
            }
        } catch (SQLException e) {
            throw failed("reading line_metrics", e);
        }
        return sizes;
    }

    @Override
    public void lineWindows(Instant from, Instant to, int minutes, Consumer<LineWindow> sink)
            throws AssessmentInputException {
        try (PreparedStatement s = connection.prepareStatement("SELECT line, window_start, attempts, connected,"
                + " answered, abandoned, short_abandoned, no_answer, busy, failed, answered_within_sl, wait_ms_sum,"
                + " talk_ms_sum, resolved_known, resolved, satisfaction_count, satisfaction_sum, satisfied,"
                + " probe_attempts, probe_connected FROM line_metrics WHERE window_minutes = ? AND window_start >= ? AND window_start < ?")) {
            // A cursor, not the whole month in memory: the driver fetches in batches outside autocommit.
            s.setFetchSize(10_000);
            s.setInt(1, minutes);
            s.setTimestamp(2, Timestamp.from(from));
            s.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Counts c = new Counts();
                    c.attempts = rs.getLong(3);
                    c.connected = rs.getLong(4);
                    c.answered = rs.getLong(5);
                    c.abandoned = rs.getLong(6);
                    c.shortAbandoned = rs.getLong(7);
                    c.noAnswer = rs.getLong(8);
                    c.busy = rs.getLong(9);
                    c.failed = rs.getLong(10);
                    c.answeredWithinSl = rs.getLong(11);
                    c.waitMsSum = rs.getLong(12);
                    c.talkMsSum = rs.getLong(13);
                    c.resolvedKnown = rs.getLong(14);
                    c.resolved = rs.getLong(15);
                    c.satisfactionCount = rs.getLong(16);
                    c.satisfactionSum = rs.getLong(17);
                    c.satisfied = rs.getLong(18);
                    c.probeAttempts = rs.getLong(19);
                    c.probeConnected = rs.getLong(20);
                    sink.accept(new LineWindow(rs.getString(1), rs.getTimestamp(2).toInstant(), minutes, c));
                }
            }
        } catch (SQLException e) {
            throw failed("reading line_metrics", e);
        }
    }

    @Override
    public List<AlertEpisode> episodes(Instant from, Instant to) throws AssessmentInputException {
        List<AlertEpisode> episodes = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT id, type, line, starts_at, ends_at FROM alerts"
                + " WHERE starts_at < ? AND (ends_at IS NULL OR ends_at > ?) ORDER BY starts_at, id")) {
            s.setTimestamp(1, Timestamp.from(to));
            s.setTimestamp(2, Timestamp.from(from));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    AlertType type;
                    try {
                        type = AlertType.valueOf(rs.getString(2));
                    } catch (IllegalArgumentException e) {
                        throw new AssessmentInputException(config.urlWithoutPassword() + ": alerts row id "
                                + rs.getString(1) + ": field type \"" + rs.getString(2) + "\" is not an alert type");
                    }
                    Timestamp endsAt = rs.getTimestamp(5);
                    episodes.add(new AlertEpisode(rs.getString(1), type, rs.getString(3),
                            rs.getTimestamp(4).toInstant(), endsAt == null ? null : endsAt.toInstant()));
                }
            }
        } catch (SQLException e) {
            throw failed("reading alerts", e);
        }
        return episodes;
    }

    private AssessmentInputException failed(String what, SQLException e) {
        return new AssessmentInputException(PostgresConnections.describe(what, config, e), e);
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}
