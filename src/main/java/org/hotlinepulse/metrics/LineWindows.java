package org.hotlinepulse.metrics;

import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.cdr.CdrJson;
import org.hotlinepulse.cdr.CdrWireFormat;
import org.hotlinepulse.cdr.DeadLetter;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.directory.Line;
import org.hotlinepulse.pipeline.Attempt;
import org.hotlinepulse.pipeline.PipelineCounters;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The windows of one line, in one keyed value ({@link LineLedger}) per line: drops repeats of a
 * call_id, sets aside CDRs past allowed lateness, and adds each counted CDR to its line's minute (a
 * probe to the probe counts, which ride on the window's row; a window with probes only has no row).
 * When the watermark passes a minute, the minute is rolled into the line's larger windows and sent
 * on to the department roll-up as {@link MinuteCounts}; each window's row goes out when the
 * watermark passes its end. A late CDR within allowed lateness updates every window it falls in at
 * once: closed windows send their corrected row, the department gets the CDR as a delta.
 *
 * <p>A CDR is late for every window when its minute's end plus allowed lateness has passed the
 * watermark, so that it counts in all windows or in none and every roll-up stays exact.
 *
 * <p>The windows are {@link LineLedger}'s, the times {@link WindowBook}'s; the keyed Flink function
 * that holds the ledgers keeps one timer per line at {@link #due}, and calls {@link #close} when it
 * fires. The directory entry given decides whether a CDR counts and in which department.
 */
public final class LineWindows implements Serializable {
    private final MetricSettings settings;
    /** The window sizes above a minute; the minute is always kept, since every window rolls up from it. */
    private final int[] largerWindowMinutes;
    private final WindowBook book;
    private final boolean minuteRows;

    /** Where a line's windows send what they produce. */
    public interface Out {
        /** A window's row, the first one or a correction. */
        void row(WindowMetrics row);

        /** What a minute adds to its department's windows. */
        void departmentDelta(MinuteCounts delta);

        /** A CDR past allowed lateness. */
        void late(DeadLetter record);
    }

    public LineWindows(MetricSettings settings, List<Integer> windowMinutes, Duration allowedLateness,
                       Duration duplicateHorizon) {
        this.settings = settings;
        this.largerWindowMinutes = windowMinutes.stream().mapToInt(Integer::intValue).filter(m -> m != 1).toArray();
        this.book = new WindowBook(allowedLateness, duplicateHorizon);
        this.minuteRows = windowMinutes.contains(1);
    }

    /** The ledger of a line that has none yet. */
    public LineLedger newLedger() {
        return LineLedger.of(largerWindowMinutes);
    }

    /**
     * Counts {@code record} into {@code ledger} ({@code line}: its directory entry, null for a number
     * the directory does not list) at {@code watermark}; returns the call as the line's other
     * watchers see it, or null when it repeats a call_id already counted (then nothing changed).
     */
    public Attempt count(LineLedger ledger, InputRecord record, Line line, long watermark,
                         PipelineCounters counters, Out out) {
        Cdr cdr = record.cdr;
        long start = cdr.getStartTime().toEpochMilli();
        if (ledger.isRepeat(cdr.getCallId(), start, book)) {
            counters.duplicate.add(1);
            counters.duplicateBySource.inc(cdr.getSource());
            return null;
        }
        // Timers fire before later records: whatever was due up to the watermark has been done.
        ledger.reach(watermark);
        if (line == null) {
            if (!cdr.getProbe()) {
                counters.unknownLine.add(1);
            }
        } else if (book.isLateForEveryWindow(WindowBook.minuteOf(start), ledger.passed)) {
            counters.lateDropped.add(1);
            counters.lateDroppedBySource.inc(cdr.getSource());
            out.late(new DeadLetter(record.origin, record.position,
                    "start_time " + cdr.getStartTime() + " is past allowed lateness (watermark "
                            + Instant.ofEpochMilli(ledger.passed) + ")",
                    CdrJson.toJson(cdr), CdrWireFormat.encode(cdr)));
        } else {
            ledger.count(cdr, WindowBook.minuteOf(start), settings, new RowsOut(line, out));
        }
        return Attempt.of(cdr, settings.shortAbandonMs());
    }

    /**
     * Closes or forgets, in time order, everything of {@code ledger} due up to {@code watermark};
     * returns false when nothing is left, and a line's state can go: anything arriving for it later
     * is past allowed lateness.
     */
    public boolean close(LineLedger ledger, long watermark, Line line, Out out) {
        ledger.closeUpTo(watermark, line != null, book, new RowsOut(line, out));
        return !ledger.isEmpty();
    }

    /** The moment {@link #close} is next due for {@code ledger}. */
    public long due(LineLedger ledger) {
        return ledger.nextDue(book);
    }

    /** Sends a line's rows and minute counts; a window without a non-probe CDR has no row (contract §4). */
    private final class RowsOut implements LineLedger.Rows {
        private final Line line;
        private final Out out;

        RowsOut(Line line, Out out) {
            this.line = line;
            this.out = out;
        }

        @Override
        public void minuteCounts(long minute, Counts counts) {
            out.departmentDelta(new MinuteCounts(line.number(), line.departmentId(), minute, counts));
        }

        @Override
        public void row(long start, int minutes, Counts counts) {
            if (counts.makesRow() && (minutes != 1 || minuteRows)) {
                out.row(new WindowMetrics(Scope.line, line.number(), line.departmentId(), start,
                        minutes, counts.copy()));
            }
        }
    }
}
