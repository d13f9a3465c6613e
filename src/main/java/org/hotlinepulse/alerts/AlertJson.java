package org.hotlinepulse.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.avro.Severity;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alerts as single JSON lines: an episode as {@code alerts.jsonl} has it (contract §7, times
 * ISO-8601 UTC, {@code ends_at} null while firing), and a state change, the same object with its
 * {@code state}, as a bounded run records them before collapsing them into episodes.
 */
public final class AlertJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertJson() {}

    /** The {@code alerts.jsonl} line of an episode: {@code id, type, severity, line, department, starts_at, ends_at, labels, summary}. */
    public static String episodeLine(Alert episode) {
        return write(object(episode));
    }

    /** A state change as one line that {@link #parseChange} reads back. */
    public static String changeLine(Alert change) {
        ObjectNode node = object(change);
        node.put("state", change.getState().name());
        return write(node);
    }

    /**
     * Reads a line {@link #changeLine} wrote.
     *
     * @throws IllegalArgumentException when the line is not such an object
     */
    public static Alert parseChange(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            Map<String, String> labels = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.path("labels").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> label = it.next();
                labels.put(label.getKey(), label.getValue().asText());
            }
            return Alert.newBuilder()
                    .setId(node.get("id").asText())
                    .setType(AlertType.valueOf(node.get("type").asText()))
                    .setSeverity(Severity.valueOf(node.get("severity").asText()))
                    .setState(AlertState.valueOf(node.get("state").asText()))
                    .setLine(text(node, "line"))
                    .setDepartment(text(node, "department"))
                    .setStartsAt(Instant.parse(node.get("starts_at").asText()))
                    .setEndsAt(node.path("ends_at").isTextual() ? Instant.parse(node.get("ends_at").asText()) : null)
                    .setLabels(labels)
                    .setSummary(node.get("summary").asText())
                    .build();
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not an alert state change: " + line + " (" + e.getMessage() + ")", e);
        }
    }

    private static ObjectNode object(Alert alert) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", alert.getId());
        node.put("type", alert.getType().name());
        node.put("severity", alert.getSeverity().name());
        node.put("line", alert.getLine());
        node.put("department", alert.getDepartment());
        node.put("starts_at", alert.getStartsAt().toString());
        node.put("ends_at", alert.getEndsAt() == null ? null : alert.getEndsAt().toString());
        ObjectNode labels = node.putObject("labels");
        new TreeMap<>(alert.getLabels()).forEach(labels::put);
        node.put("summary", alert.getSummary());
        return node;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert not writable as JSON", e);
        }
    }
}
