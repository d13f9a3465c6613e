package org.hotlinepulse.alerts;

import java.util.Arrays;

/**
 * What {@link FeedHealthDetector} keeps for one feed in a single keyed value, so that a CDR costs
 * one state read: when the feed was last heard, its open episode, its scheduled check, and the
 * latest start per step of the CDRs still ahead of the watermark (sorted by step; a few hundred
 * at most, since a CDR is heard once the watermark passes its step). The step arrays have room to
 * grow: steps arrive nearly in order and leave from the front, so a busy feed's new second costs
 * neither an allocation nor a copy of the others. The lines the feed has carried are kept apart,
 * in map state: they are many, and rarely new. A Flink POJO.
 */
public class FeedWatch {
    /** No such moment: never heard, no open episode, no check scheduled. */
    public static final long NONE = Long.MIN_VALUE;

    public long lastHeard = NONE;
    public long openSince = NONE;
    public long staleCheck = NONE;
    /** The pending steps are the first {@link #pending} of these, sorted. */
    public long[] steps = new long[0];
    public long[] latestStarts = new long[0];
    public int pending;

    public FeedWatch() {}

    /**
     * Notes a CDR starting at {@code start} to be heard at {@code step}; true when the step is new
     * (its timer is then still to be registered).
     */
    boolean await(long step, long start) {
        int at = pending > 0 && steps[pending - 1] < step ? -pending - 1 : Arrays.binarySearch(steps, 0, pending, step);
        if (at >= 0) {
            latestStarts[at] = Math.max(latestStarts[at], start);
            return false;
        }
        int insert = -at - 1;
        if (pending == steps.length) {
            int capacity = Math.max(8, pending * 2);
            steps = Arrays.copyOf(steps, capacity);
            latestStarts = Arrays.copyOf(latestStarts, capacity);
        }
        System.arraycopy(steps, insert, steps, insert + 1, pending - insert);
        System.arraycopy(latestStarts, insert, latestStarts, insert + 1, pending - insert);
        steps[insert] = step;
        latestStarts[insert] = start;
        pending++;
        return true;
    }

    /** Removes {@code step} and returns the latest start noted for it, or {@link #NONE}. */
    long take(long step) {
        int at = Arrays.binarySearch(steps, 0, pending, step);
        if (at < 0) {
            return NONE;
        }
        long latest = latestStarts[at];
        System.arraycopy(steps, at + 1, steps, at, pending - at - 1);
        System.arraycopy(latestStarts, at + 1, latestStarts, at, pending - at - 1);
        pending--;
        return latest;
    }

    /** The steps still to be heard, in order. */
    long[] pendingSteps() {
        return Arrays.copyOf(steps, pending);
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
}
