package org.hotlinepulse.alerts;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A line's own SILENT baseline: calls per hour for each of the 168 hours of the week (local
 * time), learned from completed hours in scheduled service. Flink POJO: public fields only.
 */
public class LearnedBaseline {

    /** Weeks of history a slot needs before SILENT trusts it. */
    public static final int MIN_WEEKS = 3;
    /** The running mean becomes an exponentially weighted mean with weight 1/8 after 8 weeks. */
    static final int MAX_WEIGHT = 8;
    private static final long HOUR = 3_600_000L;

    /** Calls per hour of each slot (Monday 00:00-01:00 local is slot 0). */
    public float[] rate = new float[168];
    /** How many weeks each slot has been learned from (capped at 127). */
    public byte[] weeks = new byte[168];
    /** Start of the hour being counted; Long.MIN_VALUE before the first attempt. */
    public long hourStart = Long.MIN_VALUE;
    /** Non-probe attempts so far in that hour. */
    public int hourCount;

    public LearnedBaseline() {}

    /**
     * Counts a non-probe attempt at {@code t}; closes the hours before it, learning each one the
     * line was in scheduled service at its middle (zero calls for hours without attempts),
     * unless {@code learnGap} is false (the gap was a SILENT episode: a fault, not a pattern).
     * The hour of the very first attempt is only partly observed and is not learned.
     */
    void count(long t, ZoneId zone, HourFilter inService, boolean learnGap) {
        long hour = hourStartOf(t, zone);
        if (hourStart == Long.MIN_VALUE) {
            hourStart = hour + HOUR;
            hourCount = 0;
            return;
        }
        if (hour < hourStart) {
            return;
        }
        if (hour == hourStart) {
            hourCount++;
            return;
        }
        learn(hourStart, hourCount, zone, inService);
        if (learnGap) {
            // A gap longer than a week only repeats slots: learn its last week.
            long from = Math.max(hourStart + HOUR, hour - 168 * HOUR);
            for (long h = from; h < hour; h += HOUR) {
                learn(h, 0, zone, inService);
            }
        }
        hourStart = hour;
        hourCount = 1;
    }

    /** Calls per hour expected at {@code t}, 0 for a slot not yet learned for {@link #MIN_WEEKS}. */
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

    private void learn(long hour, int calls, ZoneId zone, HourFilter inService) {
        if (!inService.test(hour + HOUR / 2)) {
            return;
        }
        int slot = slotOf(hour, zone);
        int w = weeks[slot];
        rate[slot] += (calls - rate[slot]) / Math.min(w + 1, MAX_WEIGHT);
        weeks[slot] = (byte) Math.min(w + 1, 127);
    }

    /** The start of the local hour holding {@code t}. */
    static long hourStartOf(long t, ZoneId zone) {
        long local = t + offsetMillis(t, zone);
        return t - Math.floorMod(local, HOUR);
    }

    static int slotOf(long t, ZoneId zone) {
        long local = t + offsetMillis(t, zone);
        long day = Math.floorDiv(local, 86_400_000L);
        int dayOfWeek = (int) Math.floorMod(day + 3, 7); // 1970-01-01 was a Thursday
        return dayOfWeek * 24 + (int) (Math.floorMod(local, 86_400_000L) / HOUR);
    }

    private static long offsetMillis(long t, ZoneId zone) {
        return zone.getRules().getOffset(Instant.ofEpochMilli(t)).getTotalSeconds() * 1000L;
    }

    /** Whether the line is in scheduled service at an instant. */
    interface HourFilter {
        boolean test(long t);
    }
}
