package org.hotlinepulse.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH microbenchmarks of each operator's per-CDR work (the {@code *Microbenchmark} classes, docs/performance.md
 * "Microbenchmarks (JMH)") in one forked JVM and prints JMH's summary table, in ns per operation:
 * {@code mvn -q -B test-compile exec:exec -Dbench.main=org.hotlinepulse.bench.Microbenchmarks}
 * [{@code -Dbench.jmh=LineLedger -Dbench.jmh.warmups=10 -Dbench.jmh.iterations=5 -Dbench.jmh.seconds=1}].
 * {@code bench.jmh} is a regular expression over the benchmarks' names.
 */
public final class Microbenchmarks {
    private Microbenchmarks() {}

    public static void main(String[] args) throws RunnerException {
        TimeValue time = TimeValue.seconds(Integer.getInteger("bench.jmh.seconds", 1));
        Options options = new OptionsBuilder()
                .include(System.getProperty("bench.jmh", ".*Microbenchmark.*"))
                .forks(1)
                // The traffic and its state take a few hundred megabytes; the machine is shared.
                .jvmArgsAppend("-Xmx1g")
                .warmupIterations(Integer.getInteger("bench.jmh.warmups", 10))
                .warmupTime(time)
                .measurementIterations(Integer.getInteger("bench.jmh.iterations", 5))
                .measurementTime(time)
                .build();
        new Runner(options).run();
    }
}
