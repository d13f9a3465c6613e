package org.hotlinepulse.alerts;

import org.hotlinepulse.bench.SimulatedTraffic;
import org.hotlinepulse.cdr.CdrSource;
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
 * The feed-health detector's per-CDR work (operator "feed health", {@link FeedHealthDetector}) on its
 * {@link FeedWatch}es without Flink's keyed state and timers: a CDR ahead of the watermark awaits its step
 * ({@link FeedWatch#await}), one behind it is heard at once; as the watermark moves, every step it has passed is
 * taken ({@link FeedWatch#take}) and heard, as the step timers fire. The stale check (a timer per feed, rarely
 * moved) is left out. An invocation replays all {@link SimulatedTraffic#CDRS} CDRs of the simulated traffic into
 * fresh watches; the figure is per CDR.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FeedWatchMicrobenchmark {
    private SimulatedTraffic traffic;
    private long[] starts;
    private int[] feedOf;
    private FeedWatch[] watches;

    @Setup
    public void generate() {
        traffic = SimulatedTraffic.generate();
        starts = new long[SimulatedTraffic.CDRS];
        Arrays.setAll(starts, i -> traffic.cdr(i).getStartTime().toEpochMilli());
        feedOf = traffic.keys(CdrSource::of);
        watches = new FeedWatch[Arrays.stream(feedOf).max().orElse(-1) + 1];
    }

    @Setup(Level.Invocation)
    public void freshWatches() {
        Arrays.setAll(watches, feed -> new FeedWatch());
    }

    @Benchmark
    @OperationsPerInvocation(SimulatedTraffic.CDRS)
    public FeedWatch[] awaitAndTake(Blackhole blackhole) {
        long fired = Long.MIN_VALUE;
        for (int i = 0; i < starts.length; i++) {
            long watermark = traffic.watermark(i);
            if (watermark != fired) {
                for (FeedWatch watch : watches) {
                    while (watch.pending > 0 && watch.steps[0] <= watermark) {
                        watch.heard(watch.take(watch.steps[0]));
                    }
                }
                fired = watermark;
            }
            FeedWatch watch = watches[feedOf[i]];
            long start = starts[i];
            if (FeedHealth.isHeardAtOnce(start, watermark)) {
                watch.heard(start);
            } else {
                blackhole.consume(watch.await(FeedHealth.heardAtStep(start), start));
            }
        }
        return watches;
    }
}
