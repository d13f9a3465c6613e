package org.hotlinepulse.alertmanager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotlinepulse.alerts.AlertText;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alert state changes as Alertmanager alerts, and the JSON body of {@code POST /api/v2/alerts}.
 * Labels: {@code alertname} (the type), {@code severity}, {@code line} and {@code department} when
 * known, the alert's own labels ({@code mode}, {@code source}) and {@code episode} (the id), so
 * that each episode is an alert of its own in Alertmanager. Annotations: {@code summary},
 * {@code summary_zh}, {@code summary_en}. A FIRING alert has no {@code endsAt} (Alertmanager keeps
 * it for its resolve_timeout); a RESOLVED one has its {@code ends_at}.
 */
public final class AlertmanagerPayload {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertmanagerPayload() {}

    /** The Alertmanager alert for a state change. */
    public static PostableAlert of(Alert alert) {
        String[] texts = AlertText.split(alert.getSummary());
        Map<String, String> annotations = Map.of("summary", alert.getSummary(), "summary_zh", texts[0],
                "summary_en", texts[1]);
        boolean resolved = alert.getState() == AlertState.RESOLVED && alert.getEndsAt() != null;
        return new PostableAlert(labels(alert), annotations, alert.getStartsAt(),
                resolved ? alert.getEndsAt() : null);
    }

    /** The JSON array for these alerts, labels and annotations sorted by name. */
    public static String json(Collection<PostableAlert> alerts) {
        ArrayNode array = JSON.createArrayNode();
        for (PostableAlert alert : alerts) {
            ObjectNode node = array.addObject();
            new TreeMap<>(alert.labels()).forEach(node.putObject("labels")::put);
            ObjectNode annotations = node.putObject("annotations");
            new TreeMap<>(alert.annotations()).forEach(annotations::put);
            node.put("startsAt", alert.startsAt().toString());
            if (alert.endsAt() != null) {
                node.put("endsAt", alert.endsAt().toString());
            }
        }
        try {
            return JSON.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alerts not writable as JSON", e);
        }
    }

    /** The labelset that identifies the alert in Alertmanager. */
    public static Map<String, String> labels(Alert alert) {
        Map<String, String> labels = new TreeMap<>();
        // Prometheus label names are [a-zA-Z_][a-zA-Z0-9_]*; anything else would be refused.
        alert.getLabels().forEach((name, value) -> labels.put(name.replaceAll("[^a-zA-Z0-9_]", "_"), value));
        labels.put("alertname", alert.getType().name());
        labels.put("severity", alert.getSeverity().name());
        if (alert.getLine() != null) {
            labels.put("line", alert.getLine());
        }
        if (alert.getDepartment() != null) {
            labels.put("department", alert.getDepartment());
        }
        labels.put("episode", alert.getId());
        return labels;
    }
}
