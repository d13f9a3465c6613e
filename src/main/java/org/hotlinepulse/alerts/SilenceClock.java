package org.hotlinepulse.alerts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.hotlinepulse.directory.Closure;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.Line;
import org.hotlinepulse.directory.ThresholdKey;
import org.hotlinepulse.directory.TimeSpan;

/**
 * When a quiet line becomes SILENT: walks the line's scheduled service time (service hours on
 * the calendar minus planned closures) forward from the start of the quiet, accumulating quiet
 * service minutes and the calls the baseline expects in them.
 */
final class SilenceClock {

    static final long NEVER = Long.MAX_VALUE;
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 86_400_000L;
    /** How far ahead the walk looks; a baseline so low that it needs longer never fires. */
    private static final int HORIZON_DAYS = 62;

    private final Line line;
    private final Directory directory;
    private final ZoneId zone;

    SilenceClock(Line line, Directory directory) {
        this.line = line;
        this.directory = directory;
        this.zone = directory.calendar().zone();
    }

    /**
     * The first instant at which SILENT holds for a quiet that began at {@code quietFrom}, or
     * {@link #NEVER}; the expected calls at that instant through {@code expectedOut[0]} (NaN
     * when the no-baseline rule applied). The instant is always one of scheduled service: a
     * condition reached exactly where a span of service ends (closing time, the start of a
     * closure) holds from the start of the next span, when the line is being judged again.
     */
    long due(long quietFrom, AlertThresholds thresholds, LearnedBaseline learned, double[] expectedOut) {
        double fixed = line.expectedCallsPerHour().orElse(Double.NaN);
        boolean useLearned = Double.isNaN(fixed) && learned != null && learned.isUsable();
        if (Double.isNaN(fixed) && !useLearned) {
            expectedOut[0] = Double.NaN;
            return firstServiceFrom(endOfFirstWholeServiceDay(quietFrom));
        }
        if (fixed == 0) {
            return NEVER;
        }
        long minMs = (long) thresholds.get(ThresholdKey.SILENT_MIN_MINUTES) * 60_000L;
        double minExpected = thresholds.get(ThresholdKey.SILENT_MIN_EXPECTED_CALLS);
        long serviceMs = 0;
        double expected = 0;
        for (long[] span : scheduledSpans(quietFrom, SaturatingTime.plus(quietFrom, HORIZON_DAYS * DAY))) {
            long piece = span[0];
            while (piece < span[1]) {
                long pieceEnd = useLearned
                        ? Math.min(span[1], SaturatingTime.plus(LearnedBaseline.hourStartOf(piece, zone), HOUR))
                        : span[1];
                double rate = useLearned ? learned.rateAt(piece, zone) : fixed;
                long needMs = Math.max(0, minMs - serviceMs);
                long needExpectedMs = expected >= minExpected ? 0
                        : rate > 0 ? (long) Math.ceil((minExpected - expected) * HOUR / rate - 1e-6) : NEVER;
                long need = Math.max(needMs, needExpectedMs);
                // Strictly inside the piece: its end is either the next piece's start (the same
                // instant, judged there) or the end of service.
                if (need < pieceEnd - piece) {
                    expectedOut[0] = expected + rate * need / HOUR;
                    return piece + need;
                }
                serviceMs += pieceEnd - piece;
                expected += rate * (pieceEnd - piece) / HOUR;
                piece = pieceEnd;
            }
        }
        return NEVER;
    }

    /** Scheduled service time of the line in (from, to], in milliseconds. */
    long serviceMillis(long from, long to) {
        long total = 0;
        for (long[] span : scheduledSpans(from, to)) {
            total += span[1] - span[0];
        }
        return total;
    }

    /**
     * No baseline: the end of the last scheduled service of the first local calendar day that
     * has scheduled service and all of whose scheduled service lies after {@code quietFrom}.
     */
    private long endOfFirstWholeServiceDay(long quietFrom) {
        LocalDate day = Instant.ofEpochMilli(quietFrom).atZone(zone).toLocalDate();
        for (int i = 0; i <= HORIZON_DAYS; i++, day = day.plusDays(1)) {
            long dayStart = SaturatingTime.epochMillis(day.atStartOfDay(zone).toInstant());
            long dayEnd = SaturatingTime.epochMillis(day.plusDays(1).atStartOfDay(zone).toInstant());
            if (dayEnd == Long.MAX_VALUE) {
                return NEVER;
            }
            List<long[]> spans = scheduledSpans(dayStart, dayEnd);
            if (!spans.isEmpty() && spans.get(0)[0] > quietFrom) {
                return spans.get(spans.size() - 1)[1];
            }
        }
        return NEVER;
    }

    /** The first instant of scheduled service at or after {@code t} (within the horizon), or {@link #NEVER}. */
    private long firstServiceFrom(long t) {
        if (t == NEVER) {
            return NEVER;
        }
        List<long[]> spans = scheduledSpans(t, SaturatingTime.plus(t, HORIZON_DAYS * DAY));
        return spans.isEmpty() ? NEVER : spans.get(0)[0];
    }

    /** The line's service spans in [from, to) on the calendar, minus its planned closures, in time order. */
    List<long[]> scheduledSpans(long from, long to) {
        List<TimeSpan> open = directory.calendar().openSpans(line.hours(), Instant.ofEpochMilli(from), Instant.ofEpochMilli(to));
        List<Closure> closures = directory.closuresOf(line.number());
        List<long[]> out = new ArrayList<>(open.size());
        for (TimeSpan span : open) {
            cut(span.from().toEpochMilli(), span.to().toEpochMilli(), closures, 0, out);
        }
        return out;
    }

    /** Adds [from, to) minus closures i.. to {@code out}. */
    private static void cut(long from, long to, List<Closure> closures, int i, List<long[]> out) {
        if (from >= to) {
            return;
        }
        if (i == closures.size()) {
            out.add(new long[] {from, to});
            return;
        }
        long cFrom = closures.get(i).from().toEpochMilli();
        long cTo = closures.get(i).to().toEpochMilli();
        if (cTo <= from || cFrom >= to) {
            cut(from, to, closures, i + 1, out);
            return;
        }
        cut(from, cFrom, closures, i + 1, out);
        cut(cTo, to, closures, i + 1, out);
    }
}
