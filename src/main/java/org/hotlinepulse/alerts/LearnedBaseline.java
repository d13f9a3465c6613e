package org.hotlinepulse.alerts;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A line's own SILENT baseline: for each of the 168 hours of the week (local time), the calls
 * per hour of scheduled service in that hour, learned from completed hours. An hour only partly
 * in service (08:30 opening, 17:30 closing, a closure) is learned from its service minutes
 * alone, so that it expects as many calls per service minute as a whole one. Flink POJO: public
 * fields only.
 */
public class LearnedBaseline {

    /** Weeks of history a slot needs before SILENT trusts it. */
    public static final int MIN_WEEKS = 3;
    /** The running mean becomes an exponentially weighted mean with weight 1/8 after 8 weeks. */
    static final int MAX_WEIGHT = 8;
    private static final long HOUR = 3_600_000L;
    private static final long SECONDS_PER_HOUR = 3_600L;
    private static final long SECONDS_PER_DAY = 86_400L;

    /**
     * Calls per hour of scheduled service of each slot (Monday 00:00-01:00 local is slot 0):
     * calls in the slot's service time / its service minutes × 60. Per hour rather than per
     * minute so that state learned when only whole hours were learned keeps its meaning.
     */
    public float[] rate = new float[168];
    /** How many weeks each slot has been learned from (capped at 127). */
    public byte[] weeks = new byte[168];
    /** Start of the hour being counted; Long.MIN_VALUE before the first attempt. */
    public long hourStart = Long.MIN_VALUE;
    /** Non-probe attempts so far in that hour, in scheduled service. */
    public int hourCount;

    public LearnedBaseline() {}

    /**
     * Counts a non-probe attempt at {@code t} (towards the rate only when {@code inService}: the
     * line was in scheduled service then); closes the hours before it, learning each one that had
     * scheduled service (zero calls for hours without attempts), unless {@code learnGap} is false
     * (the gap was a SILENT episode: a fault, not a pattern). The hour of the very first attempt
     * is only partly observed and is not learned.
     */
    void count(long t, boolean inService, ZoneId zone, ScheduledService service, boolean learnGap) {
        long hour = hourStartOf(t, zone);
        if (hourStart == Long.MIN_VALUE) {
            hourStart = Math.addExact(hour, HOUR);
            hourCount = 0;
            return;
        }
        if (hour < hourStart) {
            return;
        }
        if (hour == hourStart) {
            hourCount += inService ? 1 : 0;
            return;
        }
        learn(hourStart, hourCount, zone, service);
        if (learnGap) {
            // A gap longer than a week only repeats slots: learn its last week.
            long from = Math.max(Math.addExact(hourStart, HOUR), Math.subtractExact(hour, 168 * HOUR));
            for (long h = from; h < hour; h += HOUR) {
                learn(h, 0, zone, service);
            }
        }
        hourStart = hour;
        hourCount = inService ? 1 : 0;
    }

    /** Calls per hour of service expected at {@code t}, 0 for a slot not yet learned for {@link #MIN_WEEKS}. */
    double rateAt(long t, ZoneId zone) {
        int slot = slotOf(t, zone);
        return weeks[slot] >= MIN_WEEKS ? rate[slot] : 0;
    }

    /** Whether any slot has been learned long enough to be used. */
    boolean isUsable() {
        for (byte w : weeks) {
            if (w >= MIN_WEEKS) {
                return true;
            }
        }
        return false;
    }

    private void learn(long hour, int calls, ZoneId zone, ScheduledService service) {
        long serviceMs = service.millis(hour, Math.addExact(hour, HOUR));
        if (serviceMs == 0) {
            return;
        }
        double perServiceHour = (double) calls * HOUR / serviceMs;
        int slot = slotOf(hour, zone);
        int w = weeks[slot];
        rate[slot] += (float) ((perServiceHour - rate[slot]) / Math.min(w + 1, MAX_WEIGHT));
        weeks[slot] = (byte) Math.min(w + 1, 127);
    }

    /** The start of the local hour holding {@code t}. */
    static long hourStartOf(long t, ZoneId zone) {
        // In seconds, so that the local time of any instant fits in a long.
        long localSecond = Math.floorDiv(t, 1000L) + offsetSeconds(t, zone);
        return t - (Math.floorMod(localSecond, SECONDS_PER_HOUR) * 1000L + Math.floorMod(t, 1000L));
    }

    static int slotOf(long t, ZoneId zone) {
        long localSecond = Math.floorDiv(t, 1000L) + offsetSeconds(t, zone);
        long day = Math.floorDiv(localSecond, SECONDS_PER_DAY);
        int dayOfWeek = (int) Math.floorMod(day + 3, 7); // 1970-01-01 was a Thursday
        return dayOfWeek * 24 + (int) (Math.floorMod(localSecond, SECONDS_PER_DAY) / SECONDS_PER_HOUR);
    }

    private static long offsetSeconds(long t, ZoneId zone) {
        return zone.getRules().getOffset(Instant.ofEpochMilli(t)).getTotalSeconds();
    }

    /** A line's scheduled service (service hours on the calendar, minus planned closures). */
    interface ScheduledService {
        /** Milliseconds of scheduled service in [from, to). */
        long millis(long from, long to);
    }
}
