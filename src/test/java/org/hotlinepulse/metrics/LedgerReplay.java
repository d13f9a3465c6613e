package org.hotlinepulse.metrics;

import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.bench.SimulatedTraffic;
import org.hotlinepulse.directory.Line;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The simulated traffic ({@link SimulatedTraffic}) through one {@link LineLedger} per line, as {@link LineWindows}
 * drives them without Flink: per CDR the repeat check, the line's watermark noted, the late check and the count;
 * whenever the watermark moves, the ledgers whose timer it has passed close up to it (the line's one timer, at
 * {@link LineLedger#nextDue}). Every line is listed. For {@link LineLedgerMicrobenchmark}, and for the closed minutes
 * and rows the benchmarks of the operators behind it take as input ({@link #ofSimulatedTraffic}).
 */
final class LedgerReplay {
    private static final WindowBook BOOK = new WindowBook(SimulatedTraffic.METRICS.allowedLateness(),
            SimulatedTraffic.METRICS.duplicateHorizon());
    private static final MetricSettings SETTINGS = SimulatedTraffic.METRICS.settings();
    private static final int[] LARGER_WINDOWS = SimulatedTraffic.METRICS.windowMinutes().stream()
            .mapToInt(Integer::intValue).filter(minutes -> minutes != 1).toArray();

    private final SimulatedTraffic traffic;
    /** The line of each CDR, numbered 0, 1, ... */
    private final int[] lines;
    private final int lineCount;

    /** What the ledgers sent over the whole traffic: see {@link #ofSimulatedTraffic}. */
    final List<MinuteCounts> closedMinutes = new ArrayList<>();
    final List<WindowMetrics> rows = new ArrayList<>();

    LedgerReplay(SimulatedTraffic traffic) {
        this.traffic = traffic;
        this.lines = traffic.keys(Cdr::getLine);
        this.lineCount = Arrays.stream(lines).max().orElse(-1) + 1;
    }

    /** Ledgers for every line, none yet created. */
    LineLedger[] emptyLedgers() {
        return new LineLedger[lineCount];
    }

    /**
     * Replays all {@link SimulatedTraffic#CDRS} CDRs into {@code ledgers} (from {@link #emptyLedgers}), the rows and
     * minutes of line k going to {@code rows[k]}.
     */
    void replay(LineLedger[] ledgers, LineLedger.Rows[] rows) {
        long fired = Long.MIN_VALUE;
        for (int i = 0; i < SimulatedTraffic.CDRS; i++) {
            long watermark = traffic.watermark(i);
            if (watermark != fired) {
                fireTimers(ledgers, rows, watermark);
                fired = watermark;
            }
            int k = lines[i];
            LineLedger ledger = ledgers[k];
            if (ledger == null) {
                ledger = LineLedger.of(LARGER_WINDOWS);
                ledgers[k] = ledger;
            }
            Cdr cdr = traffic.cdr(i);
            long start = cdr.getStartTime().toEpochMilli();
            if (ledger.isRepeat(cdr.getCallId(), start, BOOK)) {
                continue;
            }
            ledger.reach(watermark);
            long minute = WindowBook.minuteOf(start);
            if (!BOOK.isLateForEveryWindow(minute, ledger.passed)) {
                ledger.count(cdr, minute, SETTINGS, rows[k]);
            }
            ledger.timer = ledger.nextDue(BOOK);
        }
    }

    private static void fireTimers(LineLedger[] ledgers, LineLedger.Rows[] rows, long watermark) {
        for (int k = 0; k < ledgers.length; k++) {
            LineLedger ledger = ledgers[k];
            if (ledger != null && ledger.timer <= watermark) {
                ledger.closeUpTo(watermark, true, BOOK, rows[k]);
                ledger.timer = ledger.nextDue(BOOK);
                if (ledger.isEmpty()) {
                    ledgers[k] = null;
                }
            }
        }
    }

    /**
     * The simulated traffic replayed once, {@link #closedMinutes} and {@link #rows} holding what the line windows
     * send on: each closed minute (to the department windows) and each line row that makes one (to the sinks).
     */
    static LedgerReplay ofSimulatedTraffic() {
        SimulatedTraffic traffic = SimulatedTraffic.generate();
        LedgerReplay replay = new LedgerReplay(traffic);
        LineLedger.Rows[] rows = new LineLedger.Rows[replay.lineCount];
        for (int i = 0; i < SimulatedTraffic.CDRS; i++) {
            int k = replay.lines[i];
            if (rows[k] == null) {
                Line line = traffic.directory().line(traffic.cdr(i).getLine());
                rows[k] = replay.collectingRows(line);
            }
        }
        replay.replay(replay.emptyLedgers(), rows);
        System.out.printf("%,d CDRs: %,d closed line minutes, %,d line rows%n",
                SimulatedTraffic.CDRS, replay.closedMinutes.size(), replay.rows.size());
        return replay;
    }

    private LineLedger.Rows collectingRows(Line line) {
        return new LineLedger.Rows() {
            @Override
            public void minuteCounts(long minute, Counts counts) {
                closedMinutes.add(new MinuteCounts(line.number(), line.departmentId(), minute, counts));
            }

            @Override
            public void row(long start, int minutes, Counts counts) {
                if (counts.makesRow()) {
                    rows.add(new WindowMetrics(Scope.line, line.number(), line.departmentId(), start, minutes,
                            counts.copy()));
                }
            }
        };
    }
}
