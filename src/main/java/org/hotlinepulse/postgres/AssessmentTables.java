package org.hotlinepulse.postgres;

import org.hotlinepulse.assessment.CompositeScore;
import org.hotlinepulse.assessment.Coverage;
import org.hotlinepulse.assessment.DepartmentAlerts;
import org.hotlinepulse.assessment.DepartmentAssessment;
import org.hotlinepulse.assessment.MonthlyAssessment;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.metrics.Counts;
import org.hotlinepulse.metrics.Ratio;
import org.hotlinepulse.metrics.Rates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;

/**
 * Stores a run of the monthly assessment as a new version (V4): an {@code assessment_runs} row
 * with its coverage and one {@code assessment_monthly} row per department, in one transaction.
 */
public final class AssessmentTables {
    private AssessmentTables() {}

    /** Stores the assessment and returns its run id, the version; commits. */
    public static long store(Connection connection, MonthlyAssessment a) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            long runId = insertRun(connection, a);
            insertDepartments(connection, a, runId);
            connection.commit();
            return runId;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static long insertRun(Connection connection, MonthlyAssessment a) throws SQLException {
        Coverage cov = a.coverage();
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO assessment_runs (month, generated_at,"
                + " source, timezone, assessed_until, days_in_month, days_with_data, days_without_data, window_minutes,"
                + " windows_exact, windows_read, straddling_windows, unlisted_lines, unlisted_windows, episodes_read,"
                + " score_weights) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)",
                Statement.RETURN_GENERATED_KEYS)) {
            int i = 0;
            s.setDate(++i, Date.valueOf(a.month().month().atDay(1)));
            s.setTimestamp(++i, Timestamp.from(a.generatedAt()));
            s.setString(++i, cov.source());
            s.setString(++i, a.month().zone().getId());
            s.setTimestamp(++i, Timestamp.from(cov.assessedUntil()));
            s.setInt(++i, a.month().month().lengthOfMonth());
            s.setInt(++i, cov.daysWithData().size());
            s.setArray(++i, connection.createArrayOf("date",
                    cov.daysWithoutData().stream().map(Date::valueOf).toArray()));
            s.setInt(++i, cov.windowMinutes());
            s.setBoolean(++i, cov.windowsExact());
            s.setLong(++i, cov.windowsRead());
            s.setLong(++i, cov.straddlingWindows());
            s.setArray(++i, connection.createArrayOf("text", cov.unlistedLines().toArray()));
            s.setLong(++i, cov.unlistedWindows());
            s.setInt(++i, cov.episodesRead());
            s.setString(++i, weightsJson());
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong("run_id");
            }
        }
    }

    private static String weightsJson() {
        try {
            return new ObjectMapper().writeValueAsString(CompositeScore.WEIGHTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of numbers is always JSON", e);
        }
    }

    private static void insertDepartments(Connection connection, MonthlyAssessment a, long runId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO assessment_monthly (run_id, month,"
                + " department, department_name, rank, score, number_accuracy, answer_rate, connection_rate,"
                + " resolution_rate, satisfaction_mean, satisfied_share, availability, lines_listed, lines_working,"
                + " lines_out_of_service, scheduled_service_ms, unavailable_service_ms, mttr_minutes, resolved_outages,"
                + " open_outages, alerts_out_of_service, alerts_constant_busy, alerts_unanswered, alerts_silent,"
                + " alerts_high_abandonment, alerts_probe_failed, attempts, connected, answered, abandoned,"
                + " short_abandoned, no_answer, busy, failed, answered_within_sl, wait_ms_sum, talk_ms_sum,"
                + " resolved_known, resolved, satisfaction_count, satisfaction_sum, satisfied, abandonment_rate,"
                + " service_level, asa_seconds, after_hours_attempts, after_hours_connected, after_hours_answered)"
                + " VALUES (" + "?, ".repeat(48) + "?)")) {
            for (DepartmentAssessment d : a.departments()) {
                Rates r = d.rates();
                DepartmentAlerts alerts = d.alerts();
                int i = 0;
                s.setLong(++i, runId);
                s.setDate(++i, Date.valueOf(a.month().month().atDay(1)));
                s.setString(++i, d.department().id());
                s.setString(++i, d.department().name());
                if (d.rank() == 0) {
                    s.setNull(++i, Types.INTEGER);
                } else {
                    s.setInt(++i, d.rank());
                }
                s.setBigDecimal(++i, d.score());
                for (Ratio ratio : new Ratio[] {d.numberAccuracy(), r.answerRate(), r.connectionRate(),
                        d.resolutionRate(), d.satisfactionMean(), d.satisfiedShare(), d.availability().ratio()}) {
                    setRatio(s, ++i, ratio);
                }
                s.setInt(++i, d.linesListed());
                s.setInt(++i, d.linesWorking());
                s.setInt(++i, alerts.linesOutOfService().size());
                s.setLong(++i, d.availability().scheduledMillis());
                s.setLong(++i, d.availability().unavailableMillis());
                setRatio(s, ++i, alerts.mttrMinutes());
                s.setInt(++i, alerts.resolvedOutages());
                s.setInt(++i, alerts.openOutages());
                for (AlertType type : DepartmentAlerts.LINE_TYPES) {
                    s.setInt(++i, alerts.count(type));
                }
                long[] counts = d.inService().columnValues();
                for (int k = 0; k < Counts.SECTION_4_COLUMNS; k++) {
                    s.setLong(++i, counts[k]);
                }
                setRatio(s, ++i, r.abandonmentRate());
                setRatio(s, ++i, r.serviceLevel());
                setRatio(s, ++i, r.asaSeconds());
                Counts after = d.afterHours();
                s.setLong(++i, after.attempts);
                s.setLong(++i, after.connected);
                s.setLong(++i, after.answered);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void setRatio(PreparedStatement s, int index, Ratio ratio) throws SQLException {
        if (ratio.isDefined()) {
            s.setDouble(index, ratio.value());
        } else {
            s.setNull(index, Types.DOUBLE);
        }
    }
}
