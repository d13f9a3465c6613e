package org.hotlinepulse.simulate;

import java.io.IOException;

/**
 * Drains a simulator into an output: as fast as possible, or paced so that event time advances
 * {@code speed} times faster than the wall clock and each CDR is written when its call ends.
 */
public final class SimulationRun {
    private final TrafficSimulator simulator;
    private final CdrOutput output;

    public SimulationRun(TrafficSimulator simulator, CdrOutput output) {
        this.simulator = simulator;
        this.output = output;
    }

    /** Writes every CDR without waiting; returns how many. */
    public long asFastAsPossible() throws IOException {
        long written = 0;
        while (simulator.hasNext()) {
            output.write(simulator.next());
            written++;
        }
        return written;
    }

    /**
     * Writes each CDR once the wall clock, scaled by {@code speed} from the start of this call,
     * reaches the CDR's end_time counted from {@code fromMs}; runs until the simulator ends or
     * the thread is interrupted. Returns how many were written.
     */
    public long paced(long fromMs, double speed) throws IOException, InterruptedException {
        long wallStartNanos = System.nanoTime();
        long written = 0;
        while (simulator.hasNext()) {
            var cdr = simulator.next();
            long eventOffsetMs = cdr.getEndTime().toEpochMilli() - fromMs;
            long dueNanos = wallStartNanos + (long) (eventOffsetMs / speed * 1_000_000);
            long waitNanos = dueNanos - System.nanoTime();
            if (waitNanos > 0) {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            }
            output.write(cdr);
            written++;
        }
        return written;
    }
}
