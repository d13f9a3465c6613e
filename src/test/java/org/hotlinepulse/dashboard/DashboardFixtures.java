package org.hotlinepulse.dashboard;

import org.hotlinepulse.alerts.AlertText;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.avro.Severity;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.DirectoryException;
import org.hotlinepulse.metrics.Counts;
import org.hotlinepulse.metrics.WindowMetrics;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** Rows, alerts and the example directory (Zhengzhou, Chinese names) for dashboard tests. */
final class DashboardFixtures {
    static final String SOCIAL_SECURITY = "zz-social-security";
    static final String MEDICAL_INSURANCE = "zz-medical-insurance";
    /** 中原区社保咨询, a line of {@link #SOCIAL_SECURITY}. */
    static final String ZHONGYUAN = "037167890001";
    /** 社保卡挂失, a line of {@link #SOCIAL_SECURITY}. */
    static final String CARD_LOSS = "037167890003";

    private DashboardFixtures() {}

    static Directory exampleDirectory() throws DirectoryException {
        return Directory.load(Path.of("examples/directory.yaml"));
    }

    /** Counts with attempts = connected + busy + failed, connected = answered + abandoned. */
    static Counts counts(long answered, long abandoned, long busy, long failed) {
        Counts c = new Counts();
        c.answered = answered;
        c.abandoned = abandoned;
        c.connected = answered + abandoned;
        c.busy = busy;
        c.failed = failed;
        c.attempts = c.connected + busy + failed;
        c.answeredWithinSl = answered;
        return c;
    }

    static WindowMetrics departmentRow(String department, Instant windowStart, int minutes, Counts counts) {
        return new WindowMetrics(Scope.department, department, null, windowStart.toEpochMilli(), minutes, counts);
    }

    static WindowMetrics lineRow(String line, String department, Instant windowStart, int minutes, Counts counts) {
        return new WindowMetrics(Scope.line, line, department, windowStart.toEpochMilli(), minutes, counts);
    }

    static Alert firing(String id, AlertType type, String line, String department, Instant startsAt) {
        return Alert.newBuilder()
                .setId(id)
                .setType(type)
                .setSeverity(type == AlertType.SILENT || type == AlertType.HIGH_ABANDONMENT
                        || type == AlertType.UNKNOWN_LINE ? Severity.warning : Severity.critical)
                .setState(AlertState.FIRING)
                .setLine(line)
                .setDepartment(department)
                .setStartsAt(startsAt)
                .setEndsAt(null)
                .setLabels(Map.of())
                .setSummary(AlertText.join(line + " 号线路告警：" + type, "line " + line + ": " + type))
                .build();
    }

    static Alert resolved(Alert firing, Instant endsAt) {
        return Alert.newBuilder(firing).setState(AlertState.RESOLVED).setEndsAt(endsAt).build();
    }
}
