package org.hotlinepulse.bench;

import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.cdr.CdrValidator;
import org.hotlinepulse.cdr.CdrWireFormat;
import org.hotlinepulse.config.MetricsConfig;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.simulate.SimulationSettings;
import org.hotlinepulse.simulate.SyntheticDirectory;
import org.hotlinepulse.simulate.TrafficSimulator;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The input of the microbenchmarks ({@code *Microbenchmark}): {@link #CDRS} CDRs of healthy simulated traffic to
 * {@link #LINES} lines of {@code bench}'s synthetic directory at {@link #CALLS_PER_HOUR} calls per line and hour
 * (about three and a half hours of it), in the order calls end, as {@code bench} generates them; each with the
 * watermark the job would have when it arrives (the latest start_time less max_out_of_orderness, moved once a
 * simulated minute, as {@link PerLineState} moves it). The same every time: seed 42.
 */
public final class SimulatedTraffic {
    public static final int LINES = 1_000;
    public static final double CALLS_PER_HOUR = 30;
    /** A constant, so that a benchmark replaying all of them can name it in {@code @OperationsPerInvocation}. */
    public static final int CDRS = 100_000;
    /** The job's defaults: windows of 1, 15 and 60 min, 10 min out of order, 4 h lateness, 24 h horizon. */
    public static final MetricsConfig METRICS = MetricsConfig.DEFAULTS;

    private static final Instant START = Instant.parse("2026-10-12T00:00:00Z");
    private static final long WATERMARK_EVERY_MS = 60_000;

    private final Directory directory;
    private final byte[][] messages = new byte[CDRS][];
    private final Cdr[] cdrs = new Cdr[CDRS];
    private final long[] watermarks = new long[CDRS];

    private SimulatedTraffic() {
        SyntheticDirectory synthetic = new SyntheticDirectory(LINES, 100);
        directory = synthetic.directory();
        // 5 % more traffic than needed, so that the Poisson arrivals reach the count (as bench does).
        Duration span = Duration.ofMillis(Math.round(CDRS * 1.05 / (CALLS_PER_HOUR * LINES) * 3_600_000));
        TrafficSimulator calls = new TrafficSimulator(directory, SimulationSettings.healthy(42, START, span, CALLS_PER_HOUR));
        long lag = METRICS.maxOutOfOrderness().toMillis();
        long latestStart = Long.MIN_VALUE;
        long watermark = Long.MIN_VALUE;
        for (int i = 0; i < CDRS; i++) {
            Cdr cdr = calls.next();
            // The message as the PBX side writes it; the CDR as the reader leaves it (outcome derived).
            messages[i] = CdrWireFormat.encode(cdr);
            String invalid = CdrValidator.validate(cdr);
            if (invalid != null) {
                throw new IllegalStateException("simulated CDR " + i + " is invalid: " + invalid);
            }
            cdrs[i] = cdr;
            latestStart = Math.max(latestStart, cdr.getStartTime().toEpochMilli());
            if (latestStart - lag >= watermark + WATERMARK_EVERY_MS) {
                watermark = latestStart - lag;
            }
            watermarks[i] = watermark;
        }
    }

    /** Generates the traffic: a second or two, in a benchmark's setup. */
    public static SimulatedTraffic generate() {
        return new SimulatedTraffic();
    }

    public Directory directory() {
        return directory;
    }

    /** The i-th CDR, valid, its outcome set. Shared: a benchmark must not change it. */
    public Cdr cdr(int i) {
        return cdrs[i];
    }

    /** The i-th CDR as a {@code hotline.cdr} message value (Avro single-object encoding), before validation. */
    public byte[] message(int i) {
        return messages[i];
    }

    /** The job's watermark when the i-th CDR arrives: never decreasing. */
    public long watermark(int i) {
        return watermarks[i];
    }

    /** Numbers 0, 1, 2, ... for the keys of the CDRs in order of first appearance: index a benchmark's per-key state. */
    public int[] keys(Function<Cdr, String> key) {
        Map<String, Integer> numbers = new HashMap<>();
        int[] keys = new int[CDRS];
        for (int i = 0; i < CDRS; i++) {
            keys[i] = numbers.computeIfAbsent(key.apply(cdrs[i]), k -> numbers.size());
        }
        return keys;
    }
}
