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

    private static final long MINUTE_MS = TumblingWindow.MINUTE_MS;
    private static final long CLEANUP_BUCKET_MS = 3_600_000;

    private final Directory initialDirectory;
    private final MetricSettings settings;
    private final int[] windowMinutes;
    private final long allowedLatenessMs;
    private final long duplicateHorizonMs;
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
        this.allowedLatenessMs = allowedLateness.toMillis();
        this.duplicateHorizonMs = duplicateHorizon.toMillis();
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
        ctx.output(FIRST_SEEN, LineEvent.call(cdr));
        Line line = directory(ctx).line(cdr.getLine());
        if (line == null) {
            if (!cdr.getProbe()) {
                counters.unknownLine.add(1);
            }
            return;
        }
        long minute = TumblingWindow.start(start, MINUTE_MS);
        long minuteLast = TumblingWindow.last(minute, MINUTE_MS);
        long watermark = passed.current(ctx.timerService());
        if (minuteLast + allowedLatenessMs <= watermark) {
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
            scheduleCleanup(minuteLast + allowedLatenessMs, ctx);
            if (minuteLast > watermark) {
                ctx.timerService().registerEventTimeTimer(minuteLast);
            }
        }
        minuteCounts.addRecord(cdr, settings);
        minutes.put(minute, minuteCounts);
        if (minuteLast <= watermark) {
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
        if (Math.floorMod(timestamp, CLEANUP_BUCKET_MS) == 0) {
            forgetBefore(timestamp);
            return;
        }
        Line line = directory(ctx).line(ctx.getCurrentKey());
        long minute = timestamp + 1 - MINUTE_MS;
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
            long sizeMs = windowMinutes[i] * MINUTE_MS;
            if (windows.get(i) != null) {
                Counts ending = windows.get(i).get(timestamp + 1 - sizeMs);
                // Also the window this minute was just rolled into, if it ends now.
                if (ending != null && line != null) {
                    emit(line, timestamp + 1 - sizeMs, windowMinutes[i], ending, out);
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
            long sizeMs = windowMinutes[i] * MINUTE_MS;
            long start = TumblingWindow.start(minute, sizeMs);
            long last = TumblingWindow.last(start, sizeMs);
            Counts window = sized.get(start);
            if (window == null) {
                window = new Counts();
                scheduleCleanup(last + allowedLatenessMs, ctx);
                if (last > timerAfter) {
                    ctx.timerService().registerEventTimeTimer(last);
                }
            }
            window.add(counts);
            sized.put(start, window);
            if (last <= sentUpTo) {
                emit(line, start, windowMinutes[i], window, out);
            }
        }
    }

    /**
     * Remembers the call's start; a call_id already seen with a start_time within the duplicate
     * horizon is a repeat. The first copy wins, whichever arrives first.
     */
    private boolean isRepeat(String callId, long start, ReadOnlyContext ctx) throws Exception {
        Long seenStart = seenCallStarts.get(callId);
        if (seenStart != null && Math.abs(seenStart - start) <= duplicateHorizonMs) {
            return true;
        }
        seenCallStarts.put(callId, start);
        scheduleCleanup(start + duplicateHorizonMs + allowedLatenessMs + MINUTE_MS, ctx);
        return false;
    }

    /** Cleanup timers fall on whole hours, so a line has a handful at a time, not one per window. */
    private void scheduleCleanup(long notBefore, ReadOnlyContext ctx) {
        ctx.timerService().registerEventTimeTimer(
                TumblingWindow.start(notBefore, CLEANUP_BUCKET_MS) + CLEANUP_BUCKET_MS);
    }

    /**
     * Drops the windows past allowed lateness and the call ids past the duplicate horizon as of
     * the cleanup time, not the watermark: when the watermark jumps (the end of a replay), timers
     * fire in time order and windows that close later than this cleanup must survive it.
     */
    private void forgetBefore(long cleanupTime) throws Exception {
        removeWindowsPastLateness(minutes, MINUTE_MS, cleanupTime);
        for (int i = 0; i < windowMinutes.length; i++) {
            if (windows.get(i) != null) {
                removeWindowsPastLateness(windows.get(i), windowMinutes[i] * MINUTE_MS, cleanupTime);
            }
        }
        long forgetStartsBefore = cleanupTime - duplicateHorizonMs - allowedLatenessMs - MINUTE_MS;
        removeWhere(seenCallStarts, entry -> entry.getValue() < forgetStartsBefore);
        boolean forgotten = minutes.isEmpty() && seenCallStarts.isEmpty();
        for (MapState<Long, Counts> sized : windows) {
            forgotten &= sized == null || sized.isEmpty();
        }
        if (forgotten) {
            passed.forget();
        }
    }

    private void removeWindowsPastLateness(MapState<Long, Counts> sized, long sizeMs, long time)
            throws Exception {
        removeWhere(sized, entry ->
                TumblingWindow.last(entry.getKey(), sizeMs) + allowedLatenessMs <= time);
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
