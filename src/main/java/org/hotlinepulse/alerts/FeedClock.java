package org.hotlinepulse.alerts;

import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.Line;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * When a quiet feed becomes FEED_STALE: walks forward from its last CDR through the time in which
 * any line the feed has carried is in service (contract §6), until that time adds up to the
 * threshold. Night hours when every one of its lines is closed do not count.
 */
final class FeedClock {
    static final long NEVER = Long.MAX_VALUE;
    private static final long DAY = 86_400_000L;
    /** How far ahead the walk looks: a feed whose lines all stay closed longer is never stale. */
    private static final int HORIZON_DAYS = 31;

    private final Collection<Line> lines;
    private final Directory directory;

    FeedClock(Collection<Line> lines, Directory directory) {
        this.lines = lines;
        this.directory = directory;
    }

    /**
     * The first instant of service time at which {@code thresholdMs} of service time have passed
     * since {@code quietFrom}, or {@link #NEVER}: reached exactly where service ends, it is the
     * start of the next service (FEED_STALE is judged in service hours only).
     */
    long due(long quietFrom, long thresholdMs) {
        long counted = 0;
        for (int day = 0; day < HORIZON_DAYS; day++) {
            long from = SaturatingTime.plus(quietFrom, day * DAY);
            if (from == Long.MAX_VALUE) {
                return NEVER;
            }
            for (long[] span : serviceSpans(from, SaturatingTime.plus(from, DAY))) {
                if (counted + span[1] - span[0] > thresholdMs) {
                    return span[0] + thresholdMs - counted;
                }
                counted += span[1] - span[0];
            }
        }
        return NEVER;
    }

    /** The union of the lines' scheduled service spans in [from, to), merged, in time order. */
    List<long[]> serviceSpans(long from, long to) {
        List<long[]> all = new ArrayList<>();
        for (Line line : lines) {
            all.addAll(new SilenceClock(line, directory).scheduledSpans(from, to));
        }
        all.sort(Comparator.comparingLong(span -> span[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] span : all) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && span[0] <= last[1]) {
                last[1] = Math.max(last[1], span[1]);
            } else {
                merged.add(new long[] {Math.max(span[0], from), Math.min(span[1], to)});
            }
        }
        return merged;
    }
}
