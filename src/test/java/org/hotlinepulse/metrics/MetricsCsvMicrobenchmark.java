package org.hotlinepulse.metrics;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The metrics.csv sink's per-row work ({@code sinks.MetricsCsvFileSink}): {@link MetricsCsv#appendRow} of one line
 * row into a reused builder: counts, the rates with four decimals, the window start as an instant. The rows are the
 * ones the line windows send over the simulated traffic ({@link LedgerReplay}), cycled through; per CDR, multiply
 * by {@link LedgerReplay#rows} / CDRs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MetricsCsvMicrobenchmark {
    private WindowMetrics[] rows;
    private final StringBuilder row = new StringBuilder(256);
    private int next;

    @Setup
    public void generate() {
        rows = LedgerReplay.ofSimulatedTraffic().rows.toArray(WindowMetrics[]::new);
    }

    @Benchmark
    public StringBuilder appendRow() {
        int i = next;
        next = i + 1 == rows.length ? 0 : i + 1;
        row.setLength(0);
        MetricsCsv.appendRow(rows[i], row);
        return row;
    }
}
