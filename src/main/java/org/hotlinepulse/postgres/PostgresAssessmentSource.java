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
        try (PreparedStatement s = connection.prepareStatement("SELECT line, window_start, "
                + String.join(", ", Counts.COLUMNS)
                + " FROM line_metrics WHERE window_minutes = ? AND window_start >= ? AND window_start < ?")) {
            // A cursor, not the whole month in memory: the driver fetches in batches outside autocommit.
            s.setFetchSize(10_000);
            s.setInt(1, minutes);
            s.setTimestamp(2, Timestamp.from(from));
            s.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long[] values = new long[Counts.COLUMNS.size()];
                    for (int k = 0; k < values.length; k++) {
                        values[k] = rs.getLong(3 + k);
                    }
                    Counts c = Counts.ofColumnValues(values);
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
