package org.hotlinepulse.metrics;

import org.hotlinepulse.bench.SimulatedTraffic;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The department windows' per-input work (operator "windows per department", {@link DepartmentWindows}): one closed
 * line minute ({@link MinuteCounts}) rolled into its department's window of every size, {@link Counts#add} into the
 * window found by its start in a map per size (a heap map standing in for the operator's {@code MapState}; timers
 * and rows left out). The minutes are the ones the line windows close over the simulated traffic
 * ({@link LedgerReplay}), cycled through, so the windows are found, not created, after the first pass; per CDR,
 * multiply by {@link LedgerReplay#closedMinutes} / CDRs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DepartmentWindowsMicrobenchmark {
    private MinuteCounts[] minutes;
    private long[] sizesMs;
    /** Per department of each minute (in the order of {@link #minutes}), its windows of each size by start. */
    private Map<Long, Counts>[][] windowsOf;
    private int next;

    @Setup
    @SuppressWarnings("unchecked")
    public void generate() {
        minutes = LedgerReplay.ofSimulatedTraffic().closedMinutes.toArray(MinuteCounts[]::new);
        sizesMs = SimulatedTraffic.METRICS.windowMinutes().stream().mapToLong(m -> m * TumblingWindow.MINUTE_MS).toArray();
        Map<String, Map<Long, Counts>[]> byDepartment = new HashMap<>();
        windowsOf = new Map[minutes.length][];
        for (int i = 0; i < minutes.length; i++) {
            windowsOf[i] = byDepartment.computeIfAbsent(minutes[i].department, department -> {
                Map<Long, Counts>[] sized = new Map[sizesMs.length];
                for (int s = 0; s < sized.length; s++) {
                    sized[s] = new HashMap<>();
                }
                return sized;
            });
        }
    }

    @Benchmark
    public void rollUp(Blackhole blackhole) {
        int i = next;
        next = i + 1 == minutes.length ? 0 : i + 1;
        MinuteCounts minute = minutes[i];
        Map<Long, Counts>[] windows = windowsOf[i];
        for (int s = 0; s < sizesMs.length; s++) {
            Counts window = windows[s].computeIfAbsent(TumblingWindow.start(minute.minuteStart, sizesMs[s]),
                    start -> new Counts());
            window.add(minute.counts);
            blackhole.consume(window);
        }
    }
}
