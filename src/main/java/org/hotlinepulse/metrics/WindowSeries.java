package org.hotlinepulse.metrics;

import java.util.Arrays;

/**
 * One line's windows of one size, open or kept for late CDRs, sorted by start. Windows of one
 * size close in the order they start, and they pass their allowed lateness in that order too, so
 * the closed windows and the forgettable ones are each a prefix. A Flink POJO.
 */
public class WindowSeries {
    public int minutes;
    /** Window starts, ascending, in the first {@link #size} places. */
    public long[] starts = new long[0];
    public Counts[] counts = new Counts[0];
    public int size;

    public WindowSeries() {}

    WindowSeries(int minutes) {
        this.minutes = minutes;
    }

    /** The counts of the window starting at {@code start}, or null. */
    Counts get(long start) {
        int at = Arrays.binarySearch(starts, 0, size, start);
        return at >= 0 ? counts[at] : null;
    }

    /** The counts of the window starting at {@code start}, empty ones added if it had none. */
    Counts getOrCreate(long start) {
        // CDRs mostly belong to the newest window: look there before searching.
        if (size > 0 && starts[size - 1] == start) {
            return counts[size - 1];
        }
        int at = size > 0 && starts[size - 1] < start ? -size - 1 : Arrays.binarySearch(starts, 0, size, start);
        if (at >= 0) {
            return counts[at];
        }
        int insertAt = -at - 1;
        if (size == starts.length) {
            int capacity = Math.max(4, size * 2);
            starts = Arrays.copyOf(starts, capacity);
            counts = Arrays.copyOf(counts, capacity);
        }
        System.arraycopy(starts, insertAt, starts, insertAt + 1, size - insertAt);
        System.arraycopy(counts, insertAt, counts, insertAt + 1, size - insertAt);
        starts[insertAt] = start;
        counts[insertAt] = new Counts();
        size++;
        return counts[insertAt];
    }

    /** When the first window that has not closed at {@code time} closes, or Long.MAX_VALUE. */
    long nextCloseAfter(long time) {
        // closesAt(start) > time  <=>  start > time - sizeMs + 1
        long sizeMs = minutes * TumblingWindow.MINUTE_MS;
        long lastClosedStart = time < Long.MIN_VALUE + sizeMs ? Long.MIN_VALUE : time - sizeMs + 1;
        int at = Arrays.binarySearch(starts, 0, size, lastClosedStart);
        int first = at >= 0 ? at + 1 : -at - 1;
        return first < size ? WindowBook.closesAt(starts[first], minutes) : Long.MAX_VALUE;
    }

    /** When the oldest window kept passes its allowed lateness (a cleanup time), or Long.MAX_VALUE. */
    long nextCleanup(WindowBook book) {
        return size == 0 ? Long.MAX_VALUE : book.cleanupOfWindow(starts[0], minutes);
    }

    /** Forgets the windows past allowed lateness at {@code time}. */
    void forget(long time, WindowBook book) {
        int gone = 0;
        while (gone < size && book.isPastLateness(starts[gone], minutes, time)) {
            gone++;
        }
        if (gone == 0) {
            return;
        }
        System.arraycopy(starts, gone, starts, 0, size - gone);
        System.arraycopy(counts, gone, counts, 0, size - gone);
        Arrays.fill(counts, size - gone, size, null);
        size -= gone;
    }

    boolean isEmpty() {
        return size == 0;
    }
}
