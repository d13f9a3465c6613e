package org.hotlinepulse.alerts;

import java.util.Arrays;

/**
 * What {@link FeedHealthDetector} keeps for one feed in a single keyed value, so that a CDR costs
 * one state read: when the feed was last heard, its open episode, its scheduled check, and the
 * latest start per step of the CDRs still ahead of the watermark (sorted by step; a few hundred
 * at most, since a CDR is heard once the watermark passes its step). The lines the feed has
 * carried are kept apart, in map state: they are many, and rarely new. A Flink POJO.
 */
public class FeedWatch {
    /** No such moment: never heard, no open episode, no check scheduled. */
    public static final long NONE = Long.MIN_VALUE;

    public long lastHeard = NONE;
    public long openSince = NONE;
    public long staleCheck = NONE;
    public long[] steps = new long[0];
    public long[] latestStarts = new long[0];

    public FeedWatch() {}

    /**
     * Notes a CDR starting at {@code start} to be heard at {@code step}; true when the step is new
     * (its timer is then still to be registered).
     */
    boolean await(long step, long start) {
        int at = Arrays.binarySearch(steps, step);
        if (at >= 0) {
            latestStarts[at] = Math.max(latestStarts[at], start);
            return false;
        }
        int insert = -at - 1;
        steps = inserted(steps, insert, step);
        latestStarts = inserted(latestStarts, insert, start);
        return true;
    }

    /** Removes {@code step} and returns the latest start noted for it, or {@link #NONE}. */
    long take(long step) {
        int at = Arrays.binarySearch(steps, step);
        if (at < 0) {
            return NONE;
        }
        long latest = latestStarts[at];
        steps = removed(steps, at);
        latestStarts = removed(latestStarts, at);
        return latest;
    }

    /** Heard at {@code start}: the latest start heard so far moves forward. */
    void heard(long start) {
        lastHeard = Math.max(lastHeard, start);
    }

    boolean isHeard() {
        return lastHeard != NONE;
    }

    boolean isOpen() {
        return openSince != NONE;
    }

    private static long[] inserted(long[] values, int at, long value) {
        long[] longer = new long[values.length + 1];
        System.arraycopy(values, 0, longer, 0, at);
        longer[at] = value;
        System.arraycopy(values, at, longer, at + 1, values.length - at);
        return longer;
    }

    private static long[] removed(long[] values, int at) {
        long[] shorter = new long[values.length - 1];
        System.arraycopy(values, 0, shorter, 0, at);
        System.arraycopy(values, at + 1, shorter, at, values.length - at - 1);
        return shorter;
    }
}
