package org.hotlinepulse.postgres;

import org.hotlinepulse.postgres.DirectoryRows.CalendarDayRow;
import org.hotlinepulse.postgres.DirectoryRows.ClosureRow;
import org.hotlinepulse.postgres.DirectoryRows.DepartmentRow;
import org.hotlinepulse.postgres.DirectoryRows.LineRow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the directory tables as {@link DirectoryRows}, each in one transaction: a
 * reader never sees half of an edit, and a replacement is all or nothing.
 */
public final class DirectoryTables {

    /** SQLSTATE of a table that does not exist: the schema was never migrated. */
    static final String UNDEFINED_TABLE = "42P01";

    private DirectoryTables() {}

    /** Every row of the directory tables, in directory order, from one snapshot. */
    public static DirectoryRows read(Connection connection) throws SQLException {
        return inTransaction(connection, true, () -> {
            try (Statement s = connection.createStatement()) {
                String timezone = null;
                try (ResultSet rs = s.executeQuery("SELECT timezone FROM directory_settings")) {
                    if (rs.next()) {
                        timezone = rs.getString(1);
                    }
                }
                List<CalendarDayRow> days = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT day, kind FROM calendar_days ORDER BY day")) {
                    while (rs.next()) {
                        days.add(new CalendarDayRow(rs.getObject(1, LocalDate.class), rs.getString(2)));
                    }
                }
                List<DepartmentRow> departments = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT id, name FROM departments ORDER BY sort_order, id")) {
                    while (rs.next()) {
                        departments.add(new DepartmentRow(rs.getString(1), rs.getString(2)));
                    }
                }
                List<LineRow> lines = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT number, department, name, hours,"
                        + " expected_calls_per_hour, thresholds::text FROM line_directory ORDER BY sort_order, number")) {
                    while (rs.next()) {
                        lines.add(new LineRow(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getObject(5, Double.class), rs.getString(6)));
                    }
                }
                List<ClosureRow> closures = new ArrayList<>();
                try (ResultSet rs = s.executeQuery(
                        "SELECT id, line, from_time, to_time, reason FROM line_closures ORDER BY id")) {
                    while (rs.next()) {
                        closures.add(new ClosureRow(rs.getLong(1), rs.getString(2),
                                rs.getObject(3, OffsetDateTime.class).toInstant(),
                                rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5)));
                    }
                }
                return new DirectoryRows(timezone, days, departments, lines, closures);
            }
        });
    }

    /** How many lines {@code line_directory} holds. */
    public static int lineCount(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM line_directory")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Replaces the whole content of the directory tables with {@code rows}, in one transaction. */
    public static void replace(Connection connection, DirectoryRows rows) throws SQLException {
        inTransaction(connection, false, () -> {
            try (Statement s = connection.createStatement()) {
                // Closures first: they reference lines, lines reference departments.
                s.executeUpdate("DELETE FROM line_closures");
                s.executeUpdate("DELETE FROM line_directory");
                s.executeUpdate("DELETE FROM departments");
                s.executeUpdate("DELETE FROM calendar_days");
            }
            try (PreparedStatement p = connection.prepareStatement(
                    "INSERT INTO directory_settings (singleton, timezone) VALUES (true, ?)"
                            + " ON CONFLICT (singleton) DO UPDATE SET timezone = EXCLUDED.timezone")) {
                p.setString(1, rows.timezone());
                p.executeUpdate();
            }
            try (PreparedStatement p = connection.prepareStatement(
                    "INSERT INTO calendar_days (day, kind) VALUES (?, ?)")) {
                for (CalendarDayRow row : rows.calendarDays()) {
                    p.setObject(1, row.day());
                    p.setString(2, row.kind());
                    p.addBatch();
                }
                p.executeBatch();
            }
            try (PreparedStatement p = connection.prepareStatement(
                    "INSERT INTO departments (id, name) VALUES (?, ?)")) {
                for (DepartmentRow row : rows.departments()) {
                    p.setString(1, row.id());
                    p.setString(2, row.name());
                    p.addBatch();
                }
                p.executeBatch();
            }
            try (PreparedStatement p = connection.prepareStatement("INSERT INTO line_directory"
                    + " (number, department, name, hours, expected_calls_per_hour, thresholds)"
                    + " VALUES (?, ?, ?, ?, ?, ?::jsonb)")) {
                for (LineRow row : rows.lines()) {
                    p.setString(1, row.number());
                    p.setString(2, row.department());
                    p.setString(3, row.name());
                    p.setString(4, row.hours());
                    if (row.expectedCallsPerHour() == null) {
                        p.setNull(5, Types.DOUBLE);
                    } else {
                        p.setDouble(5, row.expectedCallsPerHour());
                    }
                    p.setString(6, row.thresholds());
                    p.addBatch();
                }
                p.executeBatch();
            }
            // Two YAML closures with the same times and reason that share a line are one row.
            try (PreparedStatement p = connection.prepareStatement("INSERT INTO line_closures"
                    + " (line, from_time, to_time, reason) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT ON CONSTRAINT line_closures_once_per_line DO NOTHING")) {
                for (ClosureRow row : rows.closures()) {
                    p.setString(1, row.line());
                    p.setObject(2, utc(row.from()));
                    p.setObject(3, utc(row.to()));
                    p.setString(4, row.reason());
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        });
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    private static <T> T inTransaction(Connection connection, boolean readOnly, Work<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        int isolation = connection.getTransactionIsolation();
        connection.setAutoCommit(false);
        if (readOnly) {
            // One snapshot for all tables, so that an edit committed between two SELECTs
            // (a line and its new department) is seen whole or not at all.
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        }
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        } finally {
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(autoCommit);
        }
    }
}
