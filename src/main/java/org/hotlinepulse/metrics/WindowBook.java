package org.hotlinepulse.metrics;

import java.io.Serializable;
import java.time.Duration;

/**
 * The bookkeeping of a line's windows in plain Java, every time in epoch milliseconds: which
 * minute a CDR belongs to, whether it is late for every window, which window of a size a minute
 * rolls into and when a window closes, which call is a repeat, and when what is kept may be
 * forgotten. {@link LineLedger} keeps the windows, {@link LineWindows} the timer these times name.
 *
 * <p>A window closes at its last millisecond. Cleanups fall on whole hours, so that a line's
 * timer fires for forgetting about once an hour, not once per window.
 */
final class WindowBook implements Serializable {
    private static final long MINUTE_MS = TumblingWindow.MINUTE_MS;
    private static final long CLEANUP_BUCKET_MS = 3_600_000;

    private final long allowedLatenessMs;
    private final long duplicateHorizonMs;

    WindowBook(Duration allowedLateness, Duration duplicateHorizon) {
        this.allowedLatenessMs = allowedLateness.toMillis();
        this.duplicateHorizonMs = duplicateHorizon.toMillis();
    }

    /** The start of the minute a CDR starting at {@code startTime} is counted in. */
    static long minuteOf(long startTime) {
        return TumblingWindow.start(startTime, MINUTE_MS);
    }

    /** The start of the window of {@code sizeMinutes} that the minute starting at {@code minute} rolls into. */
    static long windowOf(long minute, int sizeMinutes) {
        return TumblingWindow.start(minute, sizeMinutes * MINUTE_MS);
    }

    /** When the window of {@code sizeMinutes} starting at {@code start} closes: its last millisecond. */
    static long closesAt(long start, int sizeMinutes) {
        return TumblingWindow.last(start, sizeMinutes * MINUTE_MS);
    }

    /** Whether the window of {@code sizeMinutes} starting at {@code start} has closed at {@code time}. */
    static boolean isClosed(long start, int sizeMinutes, long time) {
        return closesAt(start, sizeMinutes) <= time;
    }

    /** The start of the window of {@code sizeMinutes} that closes at {@code time}, if one does. */
    static long closedBy(long time, int sizeMinutes) {
        return time + 1 - sizeMinutes * MINUTE_MS;
    }

    /**
     * Whether a CDR in the minute starting at {@code minute} is late for every window at
     * {@code watermark}: its minute's allowed lateness is over, so it counts in all windows or in
     * none and every roll-up stays exact.
     */
    boolean isLateForEveryWindow(long minute, long watermark) {
        return isPastLateness(minute, 1, watermark);
    }

    /** Whether the allowed lateness of the window of {@code sizeMinutes} starting at {@code start} is over at {@code time}. */
    boolean isPastLateness(long start, int sizeMinutes, long time) {
        return closesAt(start, sizeMinutes) + allowedLatenessMs <= time;
    }

    /** The cleanup that forgets the window of {@code sizeMinutes} starting at {@code start}. */
    long cleanupOfWindow(long start, int sizeMinutes) {
        return cleanupAfter(closesAt(start, sizeMinutes) + allowedLatenessMs);
    }

    /**
     * Whether a call starting at {@code start} repeats one of the same call_id seen starting at
     * {@code seenStart} ({@code null}: not seen): within the duplicate horizon, either way.
     */
    boolean isRepeat(Long seenStart, long start) {
        return seenStart != null && Math.abs(seenStart - start) <= duplicateHorizonMs;
    }

    /** The cleanup that forgets the call_id of a call starting at {@code start}. */
    long cleanupOfCall(long start) {
        return cleanupAfter(start + duplicateHorizonMs + allowedLatenessMs + MINUTE_MS);
    }

    /**
     * Whether the call_id of a call starting at {@code start} is forgotten by the cleanup at
     * {@code cleanupTime}: no repeat of it could still count in any window.
     */
    boolean isCallForgotten(long start, long cleanupTime) {
        return start < cleanupTime - duplicateHorizonMs - allowedLatenessMs - MINUTE_MS;
    }

    /** The first cleanup (a whole hour) after {@code notBefore}. */
    private static long cleanupAfter(long notBefore) {
        return TumblingWindow.start(notBefore, CLEANUP_BUCKET_MS) + CLEANUP_BUCKET_MS;
    }
}
