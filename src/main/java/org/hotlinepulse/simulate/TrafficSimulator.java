package org.hotlinepulse.simulate;

import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.Line;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Simulated hotline traffic over a directory: Poisson arrivals per line following its service
 * hours, a realistic outcome mix, optional probe calls, and injected faults ({@link Fault}).
 * CDRs come out in the order calls end, as a PBX writes them, so they are out of start_time
 * order. Each CDR names the feed that delivers it ({@link #feedOf}). Deterministic for a seed. See
 * {@code docs/simulate.md}.
 */
public final class TrafficSimulator implements Iterator<Cdr> {
    /** The feed of calls to numbers not in the directory, which no department's PBX carries. */
    public static final String CARRIER_FEED = "carrier";

    private final Directory directory;
    private final List<Target> targets = new ArrayList<>();
    private final double[] cumulativeRate;
    private final double meanGapMs;
    private final int probedLines;
    private final long probeEveryMs;
    private final long fromMs;
    private final long endMs;
    private final String idPrefix;
    private final SplittableRandom random;
    private final CallShapes shapes;
    private final SimulationTally tally;
    private final PriorityQueue<SimulatedCall> inProgress =
            new PriorityQueue<>(Comparator.comparingLong(SimulatedCall::endMs));
    private long nextArrivalMs;
    private long nextProbeMs;
    private long probeSequence;
    private long sequence;

    /**
     * A number calls are dialled to, with the feed of its CDRs, its rate in service hours and the
     * faults on it (those of its feed first: a dead feed loses every CDR, whatever else is wrong).
     */
    private record Target(String number, Line line, String source, double callsPerHour, List<Fault> faults) {
        Fault activeFault(long t, boolean probe) {
            for (Fault fault : faults) {
                if (fault.activeAt(t) && (probe ? fault.kind().affectsProbes() : fault.kind().affectsCitizens())) {
                    return fault;
                }
            }
            return null;
        }
    }

    public TrafficSimulator(Directory directory, SimulationSettings settings) {
        this.directory = directory;
        this.random = new SplittableRandom(settings.seed());
        this.shapes = new CallShapes(random);
        this.tally = new SimulationTally(settings.faults());
        this.fromMs = settings.from().toEpochMilli();
        this.endMs = settings.duration() == null ? Long.MAX_VALUE : fromMs + settings.duration().toMillis();
        this.idPrefix = "sim-" + Long.toHexString(settings.seed()) + "-";
        for (Line line : directory.lines()) {
            double rate = settings.callsPerHour() != null ? settings.callsPerHour()
                    : line.expectedCallsPerHour().orElse(SimulationSettings.DEFAULT_CALLS_PER_HOUR);
            targets.add(new Target(line.number(), line, feedOf(line), rate, faultsOn(settings.faults(), line)));
        }
        settings.faults().stream().filter(f -> f.kind() == FaultKind.UNREGISTERED).map(Fault::target).distinct()
                .forEach(number -> targets.add(new Target(number, null, CARRIER_FEED,
                        settings.callsPerHour() != null ? settings.callsPerHour() : SimulationSettings.DEFAULT_CALLS_PER_HOUR,
                        faultsOn(settings.faults(), number))));
        this.cumulativeRate = new double[targets.size()];
        double total = 0;
        for (int i = 0; i < targets.size(); i++) {
            total += targets.get(i).callsPerHour();
            cumulativeRate[i] = total;
        }
        this.meanGapMs = total > 0 ? 3_600_000.0 / total : Double.POSITIVE_INFINITY;
        this.probedLines = settings.probeEvery() == null ? 0 : directory.lines().size();
        this.probeEveryMs = settings.probeEvery() == null ? 0 : settings.probeEvery().toMillis();
        this.nextArrivalMs = fromMs;
        advanceArrival();
        this.nextProbeMs = probedLines == 0 ? Long.MAX_VALUE : fromMs;
    }

    /** The feed that delivers the CDRs of a line of the directory: its department's PBX. */
    public static String feedOf(Line line) {
        return "pbx-" + line.departmentId();
    }

    private static List<Fault> faultsOn(List<Fault> faults, Line line) {
        Stream<Fault> feed = faults.stream()
                .filter(f -> f.kind() == FaultKind.FEED_DOWN && f.target().equals(line.departmentId()));
        return Stream.concat(feed, faultsOn(faults, line.number()).stream()).toList();
    }

    private static List<Fault> faultsOn(List<Fault> faults, String number) {
        return faults.stream().filter(f -> f.kind() != FaultKind.FEED_DOWN && f.target().equals(number)).toList();
    }

    /** Counts of the CDRs returned so far. */
    public SimulationTally tally() {
        return tally;
    }

    @Override
    public boolean hasNext() {
        fillUntilNextEndIsKnown();
        return !inProgress.isEmpty();
    }

    @Override
    public Cdr next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        SimulatedCall call = inProgress.poll();
        tally.add(call);
        return call.cdr();
    }

    /** Starts calls until every call still to start would end after the earliest one in progress. */
    private void fillUntilNextEndIsKnown() {
        while (true) {
            long nextStart = Math.min(nextArrivalMs, nextProbeMs);
            if (nextStart >= endMs || !inProgress.isEmpty() && inProgress.peek().endMs() <= nextStart) {
                return;
            }
            SimulatedCall call;
            if (nextProbeMs <= nextArrivalMs) {
                // Probe k of the i-th line is due at from + k * interval + i * interval / lines.
                call = probe(targets.get((int) (probeSequence % probedLines)), nextProbeMs);
                probeSequence++;
                nextProbeMs = fromMs + probeSequence / probedLines * probeEveryMs
                        + probeSequence % probedLines * probeEveryMs / probedLines;
            } else {
                call = arrival(nextArrivalMs);
                advanceArrival();
            }
            if (call != null) {
                inProgress.add(call);
            }
        }
    }

    private void advanceArrival() {
        if (Double.isInfinite(meanGapMs)) {
            nextArrivalMs = Long.MAX_VALUE;
            return;
        }
        nextArrivalMs += Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) * meanGapMs));
    }

    /**
     * A citizen's call at {@code t} to a line picked in proportion to its in-hours rate; thinned
     * to {@link SimulationSettings#CLOSED_HOURS_SHARE} while the line is closed, so that arrivals
     * stay Poisson with the rate of the hour. Null when no call results.
     */
    private SimulatedCall arrival(long t) {
        int index = Arrays.binarySearch(cumulativeRate, random.nextDouble() * cumulativeRate[cumulativeRate.length - 1]);
        Target target = targets.get(Math.min(index < 0 ? -index - 1 : index + 1, targets.size() - 1));
        boolean open = target.line() == null || isOpen(target.line(), t);
        if (!open && random.nextDouble() >= SimulationSettings.CLOSED_HOURS_SHARE) {
            return null;
        }
        Fault fault = target.activeFault(t, false);
        if (target.line() == null && fault == null
                || fault != null && (fault.kind() == FaultKind.SILENT || fault.kind() == FaultKind.FEED_DOWN)) {
            return null;
        }
        Cdr.Builder cdr = shapes.citizen(idPrefix + sequence++, target.number(), target.source(), t);
        Outcome outcome;
        if (fault != null && fault.kind() == FaultKind.OUT_OF_SERVICE) {
            outcome = shapes.outOfService(cdr);
        } else if (fault != null && fault.kind() == FaultKind.BUSY) {
            outcome = shapes.busy(cdr);
        } else if (fault != null && fault.kind() == FaultKind.IVR_DEAD_END) {
            outcome = shapes.ivrDeadEnd(cdr);
        } else if (!open) {
            outcome = shapes.closedAnnouncement(cdr);
            fault = null;
        } else if (fault != null && fault.kind() == FaultKind.HIGH_ABANDONMENT) {
            outcome = shapes.highAbandonment(cdr);
        } else {
            outcome = shapes.healthy(cdr);
        }
        return new SimulatedCall(cdr.build(), outcome, fault);
    }

    private SimulatedCall probe(Target target, long t) {
        Line line = target.line();
        Fault fault = target.activeFault(t, true);
        if (fault != null && fault.kind() == FaultKind.FEED_DOWN) {
            return null;
        }
        Cdr.Builder cdr = shapes.probe(idPrefix + sequence++, line.number(), target.source(), t);
        Outcome outcome;
        if (fault == null) {
            outcome = isOpen(line, t) ? shapes.probeConnected(cdr) : shapes.closedAnnouncement(cdr);
        } else {
            outcome = switch (fault.kind()) {
                case OUT_OF_SERVICE -> shapes.outOfService(cdr);
                case BUSY -> shapes.busy(cdr);
                default -> shapes.probeFailed(cdr);
            };
        }
        return new SimulatedCall(cdr.build(), outcome, fault);
    }

    private boolean isOpen(Line line, long t) {
        Instant at = Instant.ofEpochMilli(t);
        return directory.calendar().isOpen(line.hours(), at) && !directory.isClosedForPlannedWork(line.number(), at);
    }
}
