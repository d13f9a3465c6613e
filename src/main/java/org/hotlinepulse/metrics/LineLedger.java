package org.hotlinepulse.metrics;

import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.pipeline.OneTimerPerKey;

/**
 * Everything {@link LineWindows} keeps for one line, in one keyed value so that a CDR or a timer
 * costs one state read: the line's windows of every size, the calls it has counted (for
 * repeats), how far event time has got for it and when it is next due. The window
 * logic is here, in plain Java; times are {@link WindowBook}'s. A Flink POJO.
 *
 * <p>The line's watermark ({@link #passed}) is kept because Flink does not checkpoint watermarks:
 * a job restored from a checkpoint starts at {@code Long.MIN_VALUE} until the sources emit one,
 * and a late CDR processed in that gap would otherwise be taken for an on-time one, added to a
 * window whose row was already sent, and never sent again.
 */
public class LineLedger {
    /** A moment that never comes: nothing is due. */
    static final long NEVER = OneTimerPerKey.NONE;

    /** The windows by size: the minutes first, then each larger size. */
    public WindowSeries[] series;
    public SeenCalls seen = new SeenCalls();
    /** Every window closing at or before this has closed (its row sent, a minute rolled up). */
    public long passed = Long.MIN_VALUE;
    /** When the windows' next moment is due, as last scheduled, or {@link OneTimerPerKey#NONE}: the line's one timer is at the earlier of this and its rules'. */
    public long timer = OneTimerPerKey.NONE;

    public LineLedger() {}

    /** An empty ledger for windows of the minute and of each of {@code largerMinutes}. */
    static LineLedger of(int[] largerMinutes) {
        LineLedger ledger = new LineLedger();
        ledger.series = new WindowSeries[largerMinutes.length + 1];
        ledger.series[0] = new WindowSeries(1);
        for (int i = 0; i < largerMinutes.length; i++) {
            ledger.series[i + 1] = new WindowSeries(largerMinutes[i]);
        }
        return ledger;
    }

    /** Where closing windows send their rows and a closed minute its counts. */
    interface Rows {
        /** The counts a minute adds to the department's windows: all of it at its close, a late CDR's later. */
        void minuteCounts(long minute, Counts counts);

        /** The current value of a window's row. */
        void row(long start, int minutes, Counts counts);
    }

    /**
     * Closes, in event-time order, every window that closes at or before {@code watermark}: a
     * minute rolls into the larger windows, sends its counts on and its row; then every window
     * ending at the same moment sends its row. With {@code listed} false (the line is not in the
     * directory) nothing is rolled up or sent. Then forgets what is past allowed lateness and the
     * call_ids past the duplicate horizon.
     */
    void closeUpTo(long watermark, boolean listed, WindowBook book, Rows rows) {
        if (watermark <= passed) {
            return;
        }
        for (long at = nextClose(); at != NEVER && at <= watermark; at = nextClose()) {
            long minute = WindowBook.closedBy(at, 1);
            Counts closed = series[0].get(minute);
            if (closed != null && listed) {
                rows.minuteCounts(minute, closed.copy());
                addToLargerWindows(minute, closed, at - 1, rows);
                rows.row(minute, 1, closed);
            }
            for (int i = 1; i < series.length; i++) {
                Counts ending = series[i].get(WindowBook.closedBy(at, series[i].minutes));
                if (ending != null && listed) {
                    rows.row(WindowBook.closedBy(at, series[i].minutes), series[i].minutes, ending);
                }
            }
            passed = at;
        }
        passed = watermark;
        for (WindowSeries sized : series) {
            if (sized.nextCleanup(book) <= watermark) {
                sized.forget(watermark, book);
            }
        }
        if (!seen.isEmpty() && book.cleanupOfCall(seen.oldestStart) <= watermark) {
            seen.forget(watermark, book);
        }
    }

    /**
     * Notes that event time has reached {@code watermark} for this line when nothing is due
     * before it (the line's timer, at {@link #nextDue}, has not fired): the cheap form of
     * {@link #closeUpTo} for every CDR.
     */
    void reach(long watermark) {
        passed = Math.max(passed, watermark);
    }

    /**
     * Counts a CDR of the minute starting at {@code minute}, which must not be late for every
     * window ({@link WindowBook#isLateForEveryWindow}), once event time has reached the watermark
     * ({@link #closeUpTo} or {@link #reach}).
     * A CDR of a closed minute updates every window it falls in at once: the closed ones send
     * their corrected rows, the minute's department windows get the CDR's counts.
     */
    void count(Cdr cdr, long minute, MetricSettings settings, Rows rows) {
        Counts minuteCounts = series[0].getOrCreate(minute);
        minuteCounts.addRecord(cdr, settings);
        if (WindowBook.isClosed(minute, 1, passed)) {
            Counts delta = Counts.of(cdr, settings);
            rows.minuteCounts(minute, delta);
            addToLargerWindows(minute, delta, passed, rows);
            rows.row(minute, 1, minuteCounts);
        }
    }

    /**
     * Adds a minute's counts to the larger windows it falls in; a window closed at
     * {@code sentUpTo} sends its corrected row.
     */
    private void addToLargerWindows(long minute, Counts counts, long sentUpTo, Rows rows) {
        for (int i = 1; i < series.length; i++) {
            int minutes = series[i].minutes;
            long start = WindowBook.windowOf(minute, minutes);
            Counts window = series[i].getOrCreate(start);
            window.add(counts);
            if (WindowBook.isClosed(start, minutes, sentUpTo)) {
                rows.row(start, minutes, window);
            }
        }
    }

    /** Whether the call is a repeat of one counted within the duplicate horizon; remembers it if not. */
    boolean isRepeat(String callId, long start, WindowBook book) {
        return seen.checkAndAdd(callId, start, book);
    }

    /** When something is next due for this line (a window closes or something can be forgotten), or {@link #NEVER}. */
    long nextDue(WindowBook book) {
        long due = nextClose();
        for (WindowSeries sized : series) {
            due = Math.min(due, sized.nextCleanup(book));
        }
        if (!seen.isEmpty()) {
            due = Math.min(due, book.cleanupOfCall(seen.oldestStart));
        }
        return due;
    }

    /** Whether nothing is kept: the line's state can be dropped. */
    boolean isEmpty() {
        for (WindowSeries sized : series) {
            if (!sized.isEmpty()) {
                return false;
            }
        }
        return seen.isEmpty();
    }

    private long nextClose() {
        long next = NEVER;
        for (WindowSeries sized : series) {
            next = Math.min(next, sized.nextCloseAfter(passed));
        }
        return next;
    }
}
