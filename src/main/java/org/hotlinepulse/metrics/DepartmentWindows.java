package org.hotlinepulse.metrics;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.pipeline.PassedWatermark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Rolls the minute counts of a department's lines up into the department's tumbling windows of
 * every configured size. A window's first row goes out when the watermark passes its end; a
 * delta that arrives later, within allowed lateness, sends the corrected row at once (sinks
 * upsert); after allowed lateness the window is forgotten.
 */
public class DepartmentWindows extends KeyedProcessFunction<String, MinuteCounts, WindowMetrics> {
    private final int[] windowMinutes;
    private final long allowedLatenessMs;

    /** One map per window size, from window start to the window's counts so far. */
    private transient List<MapState<Long, Counts>> windows;
    private transient PassedWatermark passed;

    public DepartmentWindows(List<Integer> windowMinutes, Duration allowedLateness) {
        this.windowMinutes = windowMinutes.stream().mapToInt(Integer::intValue).toArray();
        this.allowedLatenessMs = allowedLateness.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        windows = new ArrayList<>();
        for (int minutes : windowMinutes) {
            windows.add(getRuntimeContext().getMapState(new MapStateDescriptor<>(
                    "windows-" + minutes + "m", Types.LONG, CountsTypeFactory.TYPE_INFO)));
        }
        passed = new PassedWatermark(getRuntimeContext());
    }

    @Override
    public void processElement(MinuteCounts delta, Context ctx, Collector<WindowMetrics> out)
            throws Exception {
        long watermark = passed.current(ctx.timerService());
        for (int i = 0; i < windowMinutes.length; i++) {
            long sizeMs = windowMinutes[i] * TumblingWindow.MINUTE_MS;
            long start = TumblingWindow.start(delta.minuteStart, sizeMs);
            long last = TumblingWindow.last(start, sizeMs);
            MapState<Long, Counts> sized = windows.get(i);
            Counts counts = sized.get(start);
            if (counts == null) {
                counts = new Counts();
                if (last > watermark) {
                    ctx.timerService().registerEventTimeTimer(last);
                }
                ctx.timerService().registerEventTimeTimer(last + allowedLatenessMs);
            }
            counts.add(delta.counts);
            sized.put(start, counts);
            if (last <= watermark) {
                emit(ctx.getCurrentKey(), start, i, counts, out);
            }
        }
    }

    /**
     * A timer at t stands for both things due then: the first row of every window whose last
     * millisecond is t, and the end of allowed lateness of the windows that ended earlier.
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<WindowMetrics> out)
            throws Exception {
        passed.timerFired(timestamp);
        long end = timestamp + 1;
        for (int i = 0; i < windowMinutes.length; i++) {
            long sizeMs = windowMinutes[i] * TumblingWindow.MINUTE_MS;
            MapState<Long, Counts> sized = windows.get(i);
            Counts counts = sized.get(end - sizeMs);
            if (counts != null) {
                emit(ctx.getCurrentKey(), end - sizeMs, i, counts, out);
            }
            sized.remove(end - allowedLatenessMs - sizeMs);
        }
        boolean forgotten = true;
        for (MapState<Long, Counts> sized : windows) {
            forgotten &= sized.isEmpty();
        }
        if (forgotten) {
            passed.forget();
        }
    }

    /** Sends the window's row, unless its lines had probe calls only (contract §4: no row). */
    private void emit(String department, long start, int sizeIndex, Counts counts,
                      Collector<WindowMetrics> out) {
        if (counts.makesRow()) {
            out.collect(new WindowMetrics(Scope.department, department, null, start,
                    windowMinutes[sizeIndex], counts.copy()));
        }
    }
}
