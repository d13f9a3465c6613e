package org.hotlinepulse.metrics;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.hotlinepulse.pipeline.DirectoryBroadcast;
import org.hotlinepulse.pipeline.Attempt;
import org.hotlinepulse.pipeline.LineEvent;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.cdr.CdrJson;
import org.hotlinepulse.cdr.CdrWireFormat;
import org.hotlinepulse.cdr.DeadLetter;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.Line;
import org.hotlinepulse.pipeline.PassedWatermark;
import org.hotlinepulse.pipeline.PipelineCounters;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

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
 * <p>The times are {@link WindowBook}'s; this function keeps the windows in state, the timers
 * and the side outputs.
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

    private final Directory initialDirectory;
    private final MetricSettings settings;
    private final int[] windowMinutes;
    private final WindowBook book;
    private final boolean minuteRows;

    private transient MapState<Long, Counts> minutes;
    /** Windows larger than a minute, one map per size, by window start; null for the 1-minute size. */
    private transient List<MapState<Long, Counts>> windows;
    private transient MapState<String, Long> seenCallStarts;
    private transient PipelineCounters counters;
    private transient PassedWatermark passed;

    public LineWindows(Directory directory, MetricSettings settings, List<Integer> windowMinutes,
                       Duration allowedLateness, Duration duplicateHorizon) {
        this.initialDirectory = directory;
        this.settings = settings;
        this.windowMinutes = windowMinutes.stream().mapToInt(Integer::intValue).toArray();
        this.book = new WindowBook(allowedLateness, duplicateHorizon);
        this.minuteRows = windowMinutes.contains(1);
    }

    @Override
    public void open(OpenContext openContext) {
        minutes = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("minutes", Types.LONG, Types.POJO(Counts.class)));
        windows = new ArrayList<>();
        for (int size : windowMinutes) {
            windows.add(size == 1 ? null : getRuntimeContext().getMapState(new MapStateDescriptor<>(
                    "windows-" + size + "m", Types.LONG, Types.POJO(Counts.class))));
        }
        seenCallStarts = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("seen-call-ids", Types.STRING, Types.LONG));
        counters = new PipelineCounters(getRuntimeContext());
        passed = new PassedWatermark(getRuntimeContext());
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
        if (isRepeat(cdr.getCallId(), start, ctx)) {
            counters.duplicate.add(1);
            return;
        }
        ctx.output(FIRST_SEEN, LineEvent.call(cdr.getLine(), Attempt.of(cdr, settings.shortAbandonMs())));
        Line line = directory(ctx).line(cdr.getLine());
        if (line == null) {
            if (!cdr.getProbe()) {
                counters.unknownLine.add(1);
            }
            return;
        }
        long minute = WindowBook.minuteOf(start);
        long watermark = passed.current(ctx.timerService());
        if (book.isLateForEveryWindow(minute, watermark)) {
            counters.lateDropped.add(1);
            ctx.output(LATE, new DeadLetter(record.origin, record.position,
                    "start_time " + cdr.getStartTime() + " is past allowed lateness (watermark "
                            + Instant.ofEpochMilli(watermark) + ")",
                    CdrJson.toJson(cdr), CdrWireFormat.encode(cdr)));
            return;
        }
        Counts minuteCounts = minutes.get(minute);
        if (minuteCounts == null) {
            minuteCounts = new Counts();
            ctx.timerService().registerEventTimeTimer(book.cleanupOfWindow(minute, 1));
            if (!WindowBook.isClosed(minute, 1, watermark)) {
                ctx.timerService().registerEventTimeTimer(WindowBook.closesAt(minute, 1));
            }
        }
        minuteCounts.addRecord(cdr, settings);
        minutes.put(minute, minuteCounts);
        if (WindowBook.isClosed(minute, 1, watermark)) {
            Counts delta = Counts.of(cdr, settings);
            ctx.output(DEPARTMENT_DELTAS,
                    new MinuteCounts(line.number(), line.departmentId(), minute, delta));
            addToLargerWindows(minute, delta, watermark, watermark, line, ctx, out);
            if (minuteRows) {
                emit(line, minute, 1, minuteCounts, out);
            }
        }
    }

    /**
     * A timer at t stands for everything due then: the close of the minute whose last
     * millisecond is t, the first row of every window ending then, or a cleanup.
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<WindowMetrics> out)
            throws Exception {
        passed.timerFired(timestamp);
        if (WindowBook.isCleanup(timestamp)) {
            forgetBefore(timestamp);
            return;
        }
        Line line = directory(ctx).line(ctx.getCurrentKey());
        long minute = WindowBook.closedBy(timestamp, 1);
        Counts closed = minutes.get(minute);
        if (closed != null && line != null) {
            ctx.output(DEPARTMENT_DELTAS,
                    new MinuteCounts(line.number(), line.departmentId(), minute, closed.copy()));
            // A window ending now is sent by the loop below; a timer at now would fire again.
            addToLargerWindows(minute, closed, timestamp - 1, timestamp, line, ctx, out);
            if (minuteRows) {
                emit(line, minute, 1, closed, out);
            }
        }
        for (int i = 0; i < windowMinutes.length; i++) {
            if (windows.get(i) != null) {
                long start = WindowBook.closedBy(timestamp, windowMinutes[i]);
                Counts ending = windows.get(i).get(start);
                // Also the window this minute was just rolled into, if it ends now.
                if (ending != null && line != null) {
                    emit(line, start, windowMinutes[i], ending, out);
                }
            }
        }
    }

    /**
     * Adds a minute's counts to the line's windows larger than a minute. A window whose row was
     * already sent (its last millisecond at most {@code sentUpTo}) sends its corrected row now; a
     * new window ending after {@code timerAfter} gets the timer that will send its first row.
     */
    private void addToLargerWindows(long minute, Counts counts, long sentUpTo, long timerAfter,
                                    Line line, ReadOnlyContext ctx, Collector<WindowMetrics> out)
            throws Exception {
        for (int i = 0; i < windowMinutes.length; i++) {
            MapState<Long, Counts> sized = windows.get(i);
            if (sized == null) {
                continue;
            }
            long start = WindowBook.windowOf(minute, windowMinutes[i]);
            Counts window = sized.get(start);
            if (window == null) {
                window = new Counts();
                ctx.timerService().registerEventTimeTimer(book.cleanupOfWindow(start, windowMinutes[i]));
                if (!WindowBook.isClosed(start, windowMinutes[i], timerAfter)) {
                    ctx.timerService().registerEventTimeTimer(WindowBook.closesAt(start, windowMinutes[i]));
                }
            }
            window.add(counts);
            sized.put(start, window);
            if (WindowBook.isClosed(start, windowMinutes[i], sentUpTo)) {
                emit(line, start, windowMinutes[i], window, out);
            }
        }
    }

    /**
     * Remembers the call's start unless the call is a repeat ({@link WindowBook#isRepeat}): the
     * first copy wins, whichever arrives first.
     */
    private boolean isRepeat(String callId, long start, ReadOnlyContext ctx) throws Exception {
        if (book.isRepeat(seenCallStarts.get(callId), start)) {
            return true;
        }
        seenCallStarts.put(callId, start);
        ctx.timerService().registerEventTimeTimer(book.cleanupOfCall(start));
        return false;
    }

    /**
     * Drops the windows past allowed lateness and the call ids past the duplicate horizon as of
     * the cleanup time, not the watermark: when the watermark jumps (the end of a replay), timers
     * fire in time order and windows that close later than this cleanup must survive it.
     */
    private void forgetBefore(long cleanupTime) throws Exception {
        removeWindowsPastLateness(minutes, 1, cleanupTime);
        for (int i = 0; i < windowMinutes.length; i++) {
            if (windows.get(i) != null) {
                removeWindowsPastLateness(windows.get(i), windowMinutes[i], cleanupTime);
            }
        }
        removeWhere(seenCallStarts, entry -> book.isCallForgotten(entry.getValue(), cleanupTime));
        boolean forgotten = minutes.isEmpty() && seenCallStarts.isEmpty();
        for (MapState<Long, Counts> sized : windows) {
            forgotten &= sized == null || sized.isEmpty();
        }
        if (forgotten) {
            passed.forget();
        }
    }

    private void removeWindowsPastLateness(MapState<Long, Counts> sized, int sizeMinutes, long time)
            throws Exception {
        removeWhere(sized, entry -> book.isPastLateness(entry.getKey(), sizeMinutes, time));
    }

    private static <K, V> void removeWhere(MapState<K, V> state,
                                           Predicate<Map.Entry<K, V>> condition)
            throws Exception {
        Iterator<Map.Entry<K, V>> entries = state.iterator();
        while (entries.hasNext()) {
            if (condition.test(entries.next())) {
                entries.remove();
            }
        }
        // Removing through the iterator leaves an empty map behind in heap state.
        if (state.isEmpty()) {
            state.clear();
        }
    }

    /** Sends the window's row, unless it has no non-probe CDR yet (DESIGN §4: no row). */
    private static void emit(Line line, long start, int minutes, Counts counts,
                             Collector<WindowMetrics> out) {
        if (counts.makesRow()) {
            out.collect(new WindowMetrics(Scope.line, line.number(), line.departmentId(), start,
                    minutes, counts.copy()));
        }
    }
}
