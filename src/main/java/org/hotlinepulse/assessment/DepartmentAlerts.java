package org.hotlinepulse.assessment;

import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.directory.Line;
import org.hotlinepulse.metrics.Ratio;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The alert figures of one department in a month, over the episodes of its lines that were open
 * at some time of the month: how many of each type, how long the resolved outages took to
 * resolve, how many outages were still open, and which lines were found not working.
 *
 * @param resolvedOutages outage episodes ({@link Availability#OUTAGE_TYPES}) with an end
 * @param resolveMillisSum their summed durations, start to end
 * @param openOutages outage episodes without an end
 * @param linesOutOfService lines with an OUT_OF_SERVICE or PROBE_FAILED episode
 */
public record DepartmentAlerts(Map<AlertType, Integer> byType, int resolvedOutages, long resolveMillisSum,
                               int openOutages, Set<String> linesOutOfService) {

    /** The types a department's lines can have, in the order reports list them (contract §6). */
    public static final List<AlertType> LINE_TYPES = List.of(AlertType.OUT_OF_SERVICE, AlertType.CONSTANT_BUSY,
            AlertType.UNANSWERED, AlertType.SILENT, AlertType.HIGH_ABANDONMENT, AlertType.PROBE_FAILED);

    /** Mean time to resolve, in minutes; undefined when no outage was resolved. */
    public Ratio mttrMinutes() {
        return new Ratio(resolveMillisSum, resolvedOutages * 60_000L);
    }

    public int count(AlertType type) {
        return byType.getOrDefault(type, 0);
    }

    public int total() {
        return byType.values().stream().mapToInt(Integer::intValue).sum();
    }

    static DepartmentAlerts of(List<Line> lines, Map<String, List<AlertEpisode>> episodesByLine) {
        Map<AlertType, Integer> byType = new EnumMap<>(AlertType.class);
        Set<String> outOfService = new TreeSet<>();
        int resolved = 0;
        long resolveMillis = 0;
        int open = 0;
        for (Line line : lines) {
            for (AlertEpisode e : episodesByLine.getOrDefault(line.number(), List.of())) {
                byType.merge(e.type(), 1, Integer::sum);
                if (e.type() == AlertType.OUT_OF_SERVICE || e.type() == AlertType.PROBE_FAILED) {
                    outOfService.add(line.number());
                }
                if (!Availability.OUTAGE_TYPES.contains(e.type())) {
                    continue;
                }
                if (e.isOpen()) {
                    open++;
                } else {
                    resolved++;
                    resolveMillis += Duration.between(e.startsAt(), e.endsAt()).toMillis();
                }
            }
        }
        return new DepartmentAlerts(byType, resolved, resolveMillis, open, outOfService);
    }
}
