package org.hotlinepulse.metrics;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.hotlinepulse.avro.Scope;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Rolls the minute counts of one key (a line, or a department: all its lines) up into tumbling
 * windows of every configured size. A window's first row goes out when the watermark passes
 * its end; a delta that arrives later, within allowed lateness, sends the updated row at once
 * (sinks upsert); after allowed lateness the window is forgotten.
 */
public class WindowRollup extends KeyedProcessFunction<String, MinuteCounts, WindowMetrics> {
    private final Scope scope;
    private final int[] windowMinutes;
    private final long allowedLatenessMs;

    /** One map per window size, from window start to the window's counts so far. */
    private transient List<MapState<Long, Counts>> windows;
    /** For line rows, the department the line was last seen in. */
    private transient ValueState<String> department;

    public WindowRollup(Scope scope, List<Integer> windowMinutes, Duration allowedLateness) {
        this.scope = scope;
        this.windowMinutes = windowMinutes.stream().mapToInt(Integer::intValue).toArray();
        this.allowedLatenessMs = allowedLateness.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        windows = new ArrayList<>();
        for (int minutes : windowMinutes) {
            windows.add(getRuntimeContext().getMapState(new MapStateDescriptor<>(
                    "windows-" + minutes + "m", Types.LONG, Types.POJO(Counts.class))));
        }
        department = getRuntimeContext().getState(
                new ValueStateDescriptor<>("department", Types.STRING));
    }

    @Override
    public void processElement(MinuteCounts delta, Context ctx, Collector<WindowMetrics> out)
            throws Exception {
        if (scope == Scope.line) {
            department.update(delta.department);
        }
        long watermark = ctx.timerService().currentWatermark();
        for (int i = 0; i < windowMinutes.length; i++) {
            long sizeMs = windowMinutes[i] * LineMinuteCounter.MINUTE_MS;
            long start = delta.minuteStart - Math.floorMod(delta.minuteStart, sizeMs);
            long lastMs = start + sizeMs - 1;
            MapState<Long, Counts> sized = windows.get(i);
            Counts counts = sized.get(start);
            if (counts == null) {
                counts = new Counts();
                if (lastMs > watermark) {
                    ctx.timerService().registerEventTimeTimer(lastMs);
                }
                ctx.timerService().registerEventTimeTimer(lastMs + allowedLatenessMs);
            }
            counts.add(delta.counts);
            sized.put(start, counts);
            if (lastMs <= watermark) {
                out.collect(row(ctx.getCurrentKey(), start, i, counts));
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
        long end = timestamp + 1;
        for (int i = 0; i < windowMinutes.length; i++) {
            long sizeMs = windowMinutes[i] * LineMinuteCounter.MINUTE_MS;
            MapState<Long, Counts> sized = windows.get(i);
            Counts counts = sized.get(end - sizeMs);
            if (counts != null) {
                out.collect(row(ctx.getCurrentKey(), end - sizeMs, i, counts));
            }
            sized.remove(end - allowedLatenessMs - sizeMs);
        }
    }

    private WindowMetrics row(String key, long start, int sizeIndex, Counts counts)
            throws Exception {
        String lineDepartment = scope == Scope.line ? department.value() : null;
        return new WindowMetrics(scope, key, lineDepartment, start, windowMinutes[sizeIndex],
                counts.copy());
    }
}
