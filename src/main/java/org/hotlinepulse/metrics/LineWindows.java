package org.hotlinepulse.metrics;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.cdr.CdrJson;
import org.hotlinepulse.cdr.CdrWireFormat;
import org.hotlinepulse.cdr.DeadLetter;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.Line;
import org.hotlinepulse.pipeline.Attempt;
import org.hotlinepulse.pipeline.DirectoryBroadcast;
import org.hotlinepulse.pipeline.LineEvent;
import org.hotlinepulse.pipeline.OneTimerPerKey;
import org.hotlinepulse.pipeline.PipelineCounters;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything keyed by line, in one keyed state update per CDR: drops repeats of a call_id,
 * sets aside CDRs past allowed lateness, and adds each counted CDR to its line's minute (a probe
 * to the probe counts, which ride on the window's row; a window with probes only has no row). When
 * the watermark passes a minute, the minute is rolled into the line's larger windows and sent
 * on to the department roll-up as {@link MinuteCounts}; each window's row goes out when the
 * watermark passes its end. A late CDR within allowed lateness updates every window it falls
 * in at once: closed windows send their corrected row, the department gets the CDR as a delta.
 *
 * <p>The line directory decides which numbers count and in which department; a reloaded
 * directory arrives as broadcast state and applies from then on, to the CDRs and minutes that
 * follow, without a restart.
 *
 * <p>A CDR is late for every window when its minute's end plus allowed lateness has passed the
 * watermark, so that it counts in all windows or in none and every roll-up stays exact.
 *
 * <p>The windows are {@link LineLedger}'s, the times {@link WindowBook}'s; this function keeps
 * the ledger in keyed state, one timer per line at the ledger's next due moment, and the side
 * outputs.
 */
public class LineWindows
        extends KeyedBroadcastProcessFunction<String, InputRecord, Directory, WindowMetrics> {
    public static final OutputTag<DeadLetter> LATE = new OutputTag<>("late") {};
    public static final OutputTag<MinuteCounts> DEPARTMENT_DELTAS =
            new OutputTag<>("department-deltas") {};
    /**
     * For the line-health detectors: every CDR that is not a repeat (probes and numbers missing
     * from the directory included; deduplication is done once, here), and every line a new
     * directory version lists that the previous one did not. Both travel in one stream with the
     * calls' watermarks, so the listings cannot hold event time back.
     */
    public static final OutputTag<LineEvent> FIRST_SEEN = new OutputTag<>("first-seen") {};

    /** The directory at start, until a version arrives; {@link DirectoryBroadcast#shared} once open. */
    private Directory initialDirectory;
    private final MetricSettings settings;
    /** The window sizes above a minute; the minute is always kept, since every window rolls up from it. */
    private final int[] largerWindowMinutes;
    private final WindowBook book;
    private final boolean minuteRows;

    private transient ValueState<LineLedger> ledgers;
    private transient PipelineCounters counters;

    public LineWindows(Directory directory, MetricSettings settings, List<Integer> windowMinutes,
                       Duration allowedLateness, Duration duplicateHorizon) {
        this.initialDirectory = directory;
        this.settings = settings;
        this.largerWindowMinutes = windowMinutes.stream().mapToInt(Integer::intValue).filter(m -> m != 1).toArray();
        this.book = new WindowBook(allowedLateness, duplicateHorizon);
        this.minuteRows = windowMinutes.contains(1);
    }

    @Override
    public void open(OpenContext openContext) {
        initialDirectory = DirectoryBroadcast.shared(initialDirectory);
        ledgers = getRuntimeContext().getState(new ValueStateDescriptor<>("line-ledger", Types.POJO(LineLedger.class)));
        counters = new PipelineCounters(getRuntimeContext());
    }

    @Override
    public void processBroadcastElement(Directory directory, Context ctx,
                                        Collector<WindowMetrics> out) throws Exception {
        Directory previous = DirectoryBroadcast.current(ctx.getBroadcastState(DirectoryBroadcast.DIRECTORY), null);
        for (Line line : directory.lines()) {
            if (previous == null || previous.line(line.number()) == null) {
                ctx.output(FIRST_SEEN, LineEvent.listed(line.number()));
            }
        }
        DirectoryBroadcast.set(ctx.getBroadcastState(DirectoryBroadcast.DIRECTORY), directory);
    }

    private Directory directory(ReadOnlyContext ctx) throws Exception {
        return DirectoryBroadcast.current(ctx.getBroadcastState(DirectoryBroadcast.DIRECTORY), initialDirectory);
    }

    @Override
    public void processElement(InputRecord record, ReadOnlyContext ctx,
                               Collector<WindowMetrics> out) throws Exception {
        Cdr cdr = record.cdr;
        long start = cdr.getStartTime().toEpochMilli();
        LineLedger ledger = ledgers.value();
        if (ledger == null) {
            ledger = LineLedger.of(largerWindowMinutes);
        }
        if (ledger.isRepeat(cdr.getCallId(), start, book)) {
            counters.duplicate.add(1);
            counters.duplicateBySource.inc(cdr.getSource());
            return;
        }
        ctx.output(FIRST_SEEN, LineEvent.call(cdr.getLine(), Attempt.of(cdr, settings.shortAbandonMs())));
        Line line = directory(ctx).line(cdr.getLine());
        // Timers fire before later records: whatever was due up to the watermark has been done.
        ledger.reach(ctx.timerService().currentWatermark());
        if (line == null) {
            if (!cdr.getProbe()) {
                counters.unknownLine.add(1);
            }
        } else if (book.isLateForEveryWindow(WindowBook.minuteOf(start), ledger.passed)) {
            counters.lateDropped.add(1);
            counters.lateDroppedBySource.inc(cdr.getSource());
            ctx.output(LATE, new DeadLetter(record.origin, record.position,
                    "start_time " + cdr.getStartTime() + " is past allowed lateness (watermark "
                            + Instant.ofEpochMilli(ledger.passed) + ")",
                    CdrJson.toJson(cdr), CdrWireFormat.encode(cdr)));
        } else {
            ledger.count(cdr, WindowBook.minuteOf(start), settings, new RowsOut(line, ctx, out));
        }
        schedule(ledger, ctx);
        ledgers.update(ledger);
    }

    /** The line's one timer: everything due up to the watermark is closed or forgotten in time order. */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<WindowMetrics> out)
            throws Exception {
        LineLedger ledger = ledgers.value();
        ledger.timer = OneTimerPerKey.NONE;
        Line line = directory(ctx).line(ctx.getCurrentKey());
        ledger.closeUpTo(ctx.timerService().currentWatermark(), line != null, book, new RowsOut(line, ctx, out));
        if (ledger.isEmpty()) {
            // Anything arriving for the line later is past allowed lateness: an idle line keeps no state.
            ledgers.clear();
            return;
        }
        schedule(ledger, ctx);
        ledgers.update(ledger);
    }

    private void schedule(LineLedger ledger, ReadOnlyContext ctx) {
        ledger.timer = OneTimerPerKey.move(ctx.timerService(), ledger.timer, ledger.nextDue(book));
    }

    /** Sends a line's rows and minute counts; a window without a non-probe CDR has no row (contract §4). */
    private final class RowsOut implements LineLedger.Rows {
        private final Line line;
        private final ReadOnlyContext ctx;
        private final Collector<WindowMetrics> out;

        RowsOut(Line line, ReadOnlyContext ctx, Collector<WindowMetrics> out) {
            this.line = line;
            this.ctx = ctx;
            this.out = out;
        }

        @Override
        public void minuteCounts(long minute, Counts counts) {
            ctx.output(DEPARTMENT_DELTAS, new MinuteCounts(line.number(), line.departmentId(), minute, counts));
        }

        @Override
        public void row(long start, int minutes, Counts counts) {
            if (counts.makesRow() && (minutes != 1 || minuteRows)) {
                out.collect(new WindowMetrics(Scope.line, line.number(), line.departmentId(), start,
                        minutes, counts.copy()));
            }
        }
    }
}
