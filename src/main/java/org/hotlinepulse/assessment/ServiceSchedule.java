package org.hotlinepulse.assessment;

import org.hotlinepulse.directory.Closure;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.Line;
import org.hotlinepulse.directory.TimeSpan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each listed line's scheduled service time in a month: its service hours on the directory's
 * calendar (holidays, make-up workdays) minus its planned closures. It decides which metrics
 * windows count as traffic in service hours and is the denominator of availability (contract §10).
 */
final class ServiceSchedule {
    private final Map<String, List<TimeSpan>> scheduled = new HashMap<>();

    ServiceSchedule(Directory directory, AssessmentMonth month) {
        for (Line line : directory.lines()) {
            List<TimeSpan> open = directory.calendar().openSpans(line.hours(), month.start(), month.end());
            List<TimeSpan> closed = new ArrayList<>();
            for (Closure c : directory.closuresOf(line.number())) {
                closed.add(c.span());
            }
            scheduled.put(line.number(), Spans.subtract(open, Spans.union(closed)));
        }
    }

    /** The line's scheduled spans in the month, sorted and disjoint; empty for an unlisted line. */
    List<TimeSpan> of(String line) {
        return scheduled.getOrDefault(line, List.of());
    }

    /** How many milliseconds of [from, to) the line is scheduled to be in service. */
    long scheduledMillis(String line, Instant from, Instant to) {
        return Spans.overlapMillis(of(line), from, to);
    }

    /**
     * Whether windows of this size, aligned to UTC as the metrics job aligns them, never straddle
     * a change between in and out of service of any line: then every window is wholly one or the
     * other and the split of traffic is exact.
     */
    boolean alignsWith(int windowMinutes) {
        long size = windowMinutes * 60_000L;
        for (List<TimeSpan> spans : scheduled.values()) {
            for (TimeSpan s : spans) {
                if (s.from().toEpochMilli() % size != 0 || s.to().toEpochMilli() % size != 0) {
                    return false;
                }
            }
        }
        return true;
    }
}
