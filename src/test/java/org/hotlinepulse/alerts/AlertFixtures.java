package org.hotlinepulse.alerts;

import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.avro.Severity;

import java.time.Instant;
import java.util.Map;

/** Alert state changes for tests, as the rule engine emits them. */
public final class AlertFixtures {
    private AlertFixtures() {}

    /** The FIRING change of an episode of UNANSWERED on a line. */
    public static Alert firing(String id, String line, String startsAt) {
        return Alert.newBuilder()
                .setId(id)
                .setType(AlertType.UNANSWERED)
                .setSeverity(Severity.critical)
                .setState(AlertState.FIRING)
                .setLine(line)
                .setDepartment("zz-social-security")
                .setStartsAt(Instant.parse(startsAt))
                .setEndsAt(null)
                .setLabels(Map.of("mode", "QUEUE_ABANDON"))
                .setSummary(AlertText.join(line + " 号线路无人接听", "line " + line + " is unanswered"))
                .build();
    }

    /** The RESOLVED change of the episode {@code firing} opened. */
    public static Alert resolved(Alert firing, String endsAt) {
        return Alert.newBuilder(firing).setState(AlertState.RESOLVED)
                .setEndsAt(Instant.parse(endsAt)).build();
    }
}
