package org.hotlinepulse.cdr;

import org.hotlinepulse.bench.SimulatedTraffic;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The CDR source's per-CDR work (operator "cdr-source", the Kafka deserializer {@code kafka.CdrDeserializer}):
 * {@link WireInput#read} of one {@code hotline.cdr} message value, as the live topic reads it (raw callers
 * rejected): the single-object header and fingerprint, bounded Avro decoding, validation (the outcome derived)
 * and the pseudonymity check of caller_hash. The messages are the simulated traffic's, cycled through.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WireInputMicrobenchmark {
    private byte[][] messages;
    private final WireInput wire = WireInput.rejectingRawCallers();
    private int next;

    @Setup
    public void generate() {
        SimulatedTraffic traffic = SimulatedTraffic.generate();
        messages = new byte[SimulatedTraffic.CDRS][];
        for (int i = 0; i < messages.length; i++) {
            messages[i] = traffic.message(i);
        }
    }

    @Benchmark
    public InputRecord read() {
        int i = next;
        next = i + 1 == messages.length ? 0 : i + 1;
        return wire.read("hotline.cdr-0", i, messages[i]);
    }
}
