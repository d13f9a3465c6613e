package org.hotlinepulse.metrics;

/** Arithmetic of tumbling windows aligned to the epoch, in milliseconds. */
final class TumblingWindow {
    static final long MINUTE_MS = 60_000;

    private TumblingWindow() {}

    static long start(long timestamp, long sizeMs) {
        return timestamp - Math.floorMod(timestamp, sizeMs);
    }

    /** The window's last millisecond: the timestamp of the timer that closes it. */
    static long last(long start, long sizeMs) {
        return start + sizeMs - 1;
    }
}
