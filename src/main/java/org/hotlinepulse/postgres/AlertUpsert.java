package org.hotlinepulse.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hotlinepulse.avro.Alert;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.TreeMap;

/**
 * The upsert of one alert state change into {@code alerts}, keyed by episode id. Writing a change
 * again changes nothing, and a RESOLVED row is never reopened by a FIRING that arrives after it
 * (the {@code WHERE} of the update), so replays after a restart, in any order, leave each episode
 * as its last state change made it.
 */
public final class AlertUpsert {

    public static final String TABLE = "alerts";

    /** The statement {@link #bind} fills. */
    public static final String SQL = "INSERT INTO " + TABLE
            + " (id, type, severity, state, line, department, starts_at, ends_at, labels, summary)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)"
            + " ON CONFLICT (id) DO UPDATE SET type = EXCLUDED.type, severity = EXCLUDED.severity,"
            + " state = EXCLUDED.state, line = EXCLUDED.line, department = EXCLUDED.department,"
            + " starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, labels = EXCLUDED.labels,"
            + " summary = EXCLUDED.summary, updated_at = now()"
            + " WHERE " + TABLE + ".state = 'FIRING'";

    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertUpsert() {}

    /** Fills the parameters of {@link #SQL} from one state change. */
    public static void bind(PreparedStatement statement, Alert alert) throws SQLException {
        statement.setString(1, alert.getId());
        statement.setString(2, alert.getType().name());
        statement.setString(3, alert.getSeverity().name());
        statement.setString(4, alert.getState().name());
        statement.setString(5, alert.getLine());
        statement.setString(6, alert.getDepartment());
        statement.setObject(7, utc(alert.getStartsAt()));
        if (alert.getEndsAt() == null) {
            statement.setNull(8, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(8, utc(alert.getEndsAt()));
        }
        statement.setString(9, labelsJson(alert));
        statement.setString(10, alert.getSummary());
    }

    /** The alert's labels as a JSON object, keys sorted. */
    static String labelsJson(Alert alert) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(alert.getLabels()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("labels of alert " + alert.getId() + " are not JSON", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
