package org.hotlinepulse.alerts;

import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Collapses a changelog of alert state changes into one record per episode, as {@code
 * alerts.jsonl} lists them: the RESOLVED change where there is one (whatever the order the changes
 * came in), else the FIRING one with {@code ends_at} null; sorted by {@code starts_at}, then id.
 */
public final class AlertEpisodes {
    private AlertEpisodes() {}

    /** One record per episode id among {@code changes}. */
    public static List<Alert> collapse(List<Alert> changes) {
        Map<String, Alert> episodes = new LinkedHashMap<>();
        for (Alert change : changes) {
            episodes.merge(change.getId(), change,
                    (kept, next) -> kept.getState() == AlertState.RESOLVED ? kept : next);
        }
        List<Alert> sorted = new ArrayList<>(episodes.values());
        sorted.sort(Comparator.comparing(Alert::getStartsAt).thenComparing(Alert::getId));
        return sorted;
    }

    /**
     * Reads the changes {@code changelog} holds (lines of {@link AlertJson#changeLine}) and writes
     * {@code alertsJsonl}, one {@link AlertJson#episodeLine} per episode; an empty changelog gives
     * an empty file.
     *
     * @throws IllegalArgumentException naming the file and line of a line that is not a change
     */
    public static void collapse(Path changelog, Path alertsJsonl) throws IOException {
        List<Alert> changes = new ArrayList<>();
        try (Stream<String> lines = Files.lines(changelog, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line : (Iterable<String>) lines::iterator) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    changes.add(AlertJson.parseChange(line));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(changelog + ":" + lineNo + ": " + e.getMessage(), e);
                }
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(alertsJsonl, StandardCharsets.UTF_8)) {
            for (Alert episode : collapse(changes)) {
                out.write(AlertJson.episodeLine(episode));
                out.newLine();
            }
        }
    }
}
