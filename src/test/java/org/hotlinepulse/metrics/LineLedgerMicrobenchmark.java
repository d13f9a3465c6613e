package org.hotlinepulse.metrics;

import org.hotlinepulse.bench.SimulatedTraffic;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The line windows' per-CDR work (the windows half of operator "windows and health per line",
 * {@link LineWindows}) on its {@link LineLedger}s without Flink's keyed state and timers: {@link LineLedger#isRepeat}, the late check and {@link LineLedger#count}
 * per CDR, and {@link LineLedger#closeUpTo} of the lines whose next window close or cleanup the watermark has
 * passed, amortised over the simulated traffic ({@link LedgerReplay}). An invocation replays all
 * {@link SimulatedTraffic#CDRS} CDRs into fresh ledgers; the figure is per CDR. Rows and closed minutes go to the
 * {@link Blackhole}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LineLedgerMicrobenchmark {
    private LedgerReplay replay;
    private LineLedger[] ledgers;
    private final BlackholeRows rows = new BlackholeRows();
    private LineLedger.Rows[] rowsByLine;

    @Setup
    public void generate() {
        replay = new LedgerReplay(SimulatedTraffic.generate());
        rowsByLine = new LineLedger.Rows[replay.emptyLedgers().length];
        Arrays.fill(rowsByLine, rows);
    }

    @Setup(Level.Invocation)
    public void freshLedgers() {
        ledgers = replay.emptyLedgers();
    }

    @Benchmark
    @OperationsPerInvocation(SimulatedTraffic.CDRS)
    public LineLedger[] countAndClose(Blackhole blackhole) {
        rows.blackhole = blackhole;
        replay.replay(ledgers, rowsByLine);
        return ledgers;
    }

    private static final class BlackholeRows implements LineLedger.Rows {
        Blackhole blackhole;

        @Override
        public void minuteCounts(long minute, Counts counts) {
            blackhole.consume(counts);
        }

        @Override
        public void row(long start, int minutes, Counts counts) {
            blackhole.consume(counts);
        }
    }
}
