package org.hotlinepulse.simulate;

import org.hotlinepulse.avro.Outcome;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Counts of the CDRs a simulation has emitted: in all, per outcome, probes, and per fault. */
public final class SimulationTally {
    private final Map<Outcome, Long> byOutcome = new EnumMap<>(Outcome.class);
    private final Map<String, Long> byFault = new LinkedHashMap<>();
    private long total;
    private long probes;

    SimulationTally(Iterable<Fault> faults) {
        for (Outcome outcome : Outcome.values()) {
            byOutcome.put(outcome, 0L);
        }
        for (Fault fault : faults) {
            byFault.put(fault.spec(), 0L);
        }
    }

    synchronized void add(SimulatedCall call) {
        total++;
        byOutcome.merge(call.outcome(), 1L, Long::sum);
        if (call.cdr().getProbe()) {
            probes++;
        }
        if (call.fault() != null) {
            byFault.merge(call.fault().spec(), 1L, Long::sum);
        }
    }

    public synchronized long total() {
        return total;
    }

    public synchronized long probes() {
        return probes;
    }

    public synchronized long outcome(Outcome outcome) {
        return byOutcome.get(outcome);
    }

    /** CDRs shaped by the fault written as {@code spec}. */
    public synchronized long fault(String spec) {
        return byFault.getOrDefault(spec, 0L);
    }

    /** One line, e.g. {@code 1200 CDRs (ANSWERED 900, ...; 24 probes); faults: busy:12345 = 80}. */
    public synchronized String line() {
        String outcomes = byOutcome.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        String faults = byFault.isEmpty() ? "none" : byFault.entrySet().stream()
                .map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining(", "));
        return total + " CDRs (" + outcomes + "; " + probes + " probes); CDRs per fault: " + faults;
    }
}
