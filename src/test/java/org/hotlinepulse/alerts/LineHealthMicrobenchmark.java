package org.hotlinepulse.alerts;

import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.bench.SimulatedTraffic;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.pipeline.Attempt;
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
import java.util.Comparator;
import java.util.concurrent.TimeUnit;

/**
 * The line-health detector's per-call work (the rules half of operator "windows and health per line",
 * {@link LineHealthDetector}) on its {@link LineHealth}s without Flink's keyed state and timers: per call, in start_time order per line as the
 * watermark releases them, the {@link LineContext} built as the detector builds it for a timer firing, the rule
 * moments due before the call ({@link LineHealth#onTimer}), {@link LineHealth#onAttempt}, and
 * {@link LineHealth#nextTimer} when the detector asks for it (a rule moment reached, or the revision moved). Every
 * line is listed, watched from the first call. An invocation judges all {@link SimulatedTraffic#CDRS} calls of the
 * simulated traffic with fresh rule state; the figure is per call (per CDR). Alerts go to the {@link Blackhole}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LineHealthMicrobenchmark {
    private final AlertThresholds thresholds = AlertThresholds.defaults();
    private Directory directory;
    /** The calls in start_time order, with the line of each as a number and as a key. */
    private Attempt[] calls;
    private int[] lineOf;
    private String[] numberOf;
    private long watchedSince;
    private LineHealth[] health;
    private long[] ruleDue;

    @Setup
    public void generate() {
        SimulatedTraffic traffic = SimulatedTraffic.generate();
        directory = traffic.directory();
        int[] lines = traffic.keys(Cdr::getLine);
        Integer[] byStart = new Integer[SimulatedTraffic.CDRS];
        Arrays.setAll(byStart, i -> i);
        Arrays.sort(byStart, Comparator.comparingLong(i -> traffic.cdr(i).getStartTime().toEpochMilli()));
        calls = new Attempt[byStart.length];
        lineOf = new int[byStart.length];
        numberOf = new String[byStart.length];
        long shortAbandonMs = SimulatedTraffic.METRICS.settings().shortAbandonMs();
        for (int k = 0; k < byStart.length; k++) {
            Cdr cdr = traffic.cdr(byStart[k]);
            calls[k] = Attempt.of(cdr, shortAbandonMs);
            lineOf[k] = lines[byStart[k]];
            numberOf[k] = cdr.getLine();
        }
        watchedSince = calls[0].startTime();
        health = new LineHealth[Arrays.stream(lines).max().orElse(-1) + 1];
        ruleDue = new long[health.length];
    }

    @Setup(Level.Invocation)
    public void freshRuleState() {
        Arrays.fill(health, null);
    }

    @Benchmark
    @OperationsPerInvocation(SimulatedTraffic.CDRS)
    public LineHealth[] judgeCalls(Blackhole blackhole) {
        for (int k = 0; k < calls.length; k++) {
            int line = lineOf[k];
            LineContext context = LineContext.of(numberOf[k], directory, thresholds, watchedSince);
            LineHealth h = health[line];
            if (h == null) {
                h = new LineHealth();
                health[line] = h;
                ruleDue[line] = h.nextTimer(context);
            }
            Attempt call = calls[k];
            long t = call.startTime();
            // Rule moments before the call come first; one on the call's millisecond after it.
            while (ruleDue[line] < t) {
                long due = ruleDue[line];
                blackhole.consume(h.onTimer(due, context));
                ruleDue[line] = Math.max(h.nextTimer(context), due + 1);
            }
            int revision = h.nextTimerRevision();
            blackhole.consume(h.onAttempt(call, context));
            boolean ruleNow = ruleDue[line] == t;
            if (ruleNow) {
                blackhole.consume(h.onTimer(t, context));
            }
            if (ruleNow || ruleDue[line] == LineWatch.NONE || h.nextTimerRevision() != revision) {
                ruleDue[line] = Math.max(h.nextTimer(context), t + 1);
            }
        }
        return health;
    }
}
