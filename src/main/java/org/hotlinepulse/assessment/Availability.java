package org.hotlinepulse.assessment;

import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.directory.Line;
import org.hotlinepulse.directory.TimeSpan;
import org.hotlinepulse.metrics.Ratio;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A department's availability (contract §10): of its scheduled service time (the union of its
 * lines' service hours, planned closures excluded, over the days assessed), the share during
 * which none of its lines in service had an outage episode open.
 */
public record Availability(long scheduledMillis, long unavailableMillis) {

    /** The episode types that make a line unavailable while open. */
    public static final Set<AlertType> OUTAGE_TYPES = EnumSet.of(AlertType.OUT_OF_SERVICE,
            AlertType.CONSTANT_BUSY, AlertType.UNANSWERED, AlertType.SILENT, AlertType.PROBE_FAILED);

    /** (scheduled − unavailable) / scheduled; undefined without scheduled time. */
    public Ratio ratio() {
        return new Ratio(scheduledMillis - unavailableMillis, scheduledMillis);
    }

    /**
     * @param assessed the periods assessed (days with data, up to {@code assessedUntil})
     * @param episodesByLine each line's episodes; an open one lasts until {@code assessedUntil}
     */
    static Availability of(List<Line> lines, ServiceSchedule schedule, List<TimeSpan> assessed,
                           Map<String, List<AlertEpisode>> episodesByLine, Instant assessedUntil) {
        List<TimeSpan> scheduled = new ArrayList<>();
        List<TimeSpan> unavailable = new ArrayList<>();
        for (Line line : lines) {
            List<TimeSpan> lineScheduled = Spans.intersect(schedule.of(line.number()), assessed);
            List<TimeSpan> outages = new ArrayList<>();
            for (AlertEpisode e : episodesByLine.getOrDefault(line.number(), List.of())) {
                Instant end = e.endsAt() == null || e.endsAt().isAfter(assessedUntil) ? assessedUntil : e.endsAt();
                if (OUTAGE_TYPES.contains(e.type()) && e.startsAt().isBefore(end)) {
                    outages.add(new TimeSpan(e.startsAt(), end));
                }
            }
            scheduled.addAll(lineScheduled);
            unavailable.addAll(Spans.intersect(lineScheduled, Spans.union(outages)));
        }
        return new Availability(Spans.millis(Spans.union(scheduled)), Spans.millis(Spans.union(unavailable)));
    }
}
