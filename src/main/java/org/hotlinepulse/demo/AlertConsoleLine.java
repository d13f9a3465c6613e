package org.hotlinepulse.demo;

import org.hotlinepulse.alerts.AlertText;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One alert state change as the demo prints it on the console: when (event time, in the
 * directory's time zone), FIRING or RESOLVED, the type, the line, and the summary in one language.
 */
public final class AlertConsoleLine implements Serializable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ROOT);

    private final ZoneId zone;
    private final boolean chinese;

    /** @param lang {@code zh} or {@code en} */
    public AlertConsoleLine(ZoneId zone, String lang) {
        this.zone = zone;
        this.chinese = "zh".equals(lang);
    }

    public String format(Alert alert) {
        boolean firing = alert.getState() == AlertState.FIRING;
        Instant at = firing ? alert.getStartsAt() : alert.getEndsAt();
        String[] summary = AlertText.split(alert.getSummary());
        return String.format(Locale.ROOT, "%s  %-8s %-16s %-13s %s", TIME.format(at.atZone(zone)),
                alert.getState(), alert.getType(), alert.getLine() == null ? "-" : alert.getLine(),
                chinese ? summary[0] : summary[1]);
    }
}
