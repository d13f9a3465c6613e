package org.hotlinepulse.alertmanager;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One alert as Alertmanager's {@code POST /api/v2/alerts} takes it. Alertmanager identifies it by
 * its labels; {@code endsAt} null means "firing until resolve_timeout unless sent again".
 */
public record PostableAlert(Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
                            Instant endsAt) {

    public PostableAlert {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    /** What a log line needs to name the alert: its type, episode and line, or its labels. */
    public String describe() {
        String type = labels.getOrDefault("alertname", "?");
        String episode = labels.get("episode");
        if (episode == null) {
            return type + " " + new TreeMap<>(labels);
        }
        return type + " episode " + episode + " line " + labels.getOrDefault("line", "-");
    }
}
