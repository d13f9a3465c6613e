package org.hotlinepulse.simulate;

import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.avro.ReleasedBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Synthetic, healthy hotline traffic: Poisson arrivals over a set of lines, a realistic mix of
 * outcomes, voice menus, waits and talk times, and CDRs emitted in the order calls end (as a
 * PBX writes them), so they arrive out of start_time order. Deterministic for a seed.
 * About half the records carry an explicit outcome; the rest leave it to be derived from
 * release cause and released_by.
 */
public final class CdrGenerator implements Iterator<Cdr> {
    private final SplittableRandom random;
    private final List<String> lines;
    private final double meanGapMs;
    private final long endMs;
    private final String idPrefix;
    private final PriorityQueue<Cdr> inProgress =
            new PriorityQueue<>(Comparator.comparing(Cdr::getEndTime));
    private long clockMs;
    private long sequence;

    /**
     * @param callsPerHourPerLine mean arrival rate of each line
     * @param from start of the first call at the earliest
     * @param span no call starts after from + span
     */
    public CdrGenerator(long seed, List<String> lines, double callsPerHourPerLine, Instant from,
                        Duration span) {
        this.random = new SplittableRandom(seed);
        this.lines = List.copyOf(lines);
        this.meanGapMs = 3_600_000.0 / (callsPerHourPerLine * lines.size());
        this.clockMs = from.toEpochMilli();
        this.endMs = from.plus(span).toEpochMilli();
        this.idPrefix = "sim-" + Long.toHexString(seed) + "-";
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
        return inProgress.poll();
    }

    /** Starts calls until every call still to start would end after the earliest one in progress. */
    private void fillUntilNextEndIsKnown() {
        while (clockMs < endMs
                && (inProgress.isEmpty() || inProgress.peek().getEndTime().toEpochMilli() > clockMs)) {
            clockMs += Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) * meanGapMs));
            if (clockMs < endMs) {
                inProgress.add(call(clockMs));
            }
        }
    }

    private Cdr call(long startMs) {
        Cdr.Builder cdr = Cdr.newBuilder()
                .setCallId(idPrefix + sequence++)
                .setLine(lines.get(random.nextInt(lines.size())))
                .setCallerHash(HexFormat.of().toHexDigits(random.nextLong()))
                .setStartTime(Instant.ofEpochMilli(startMs))
                .setSource("sim")
                .setProbe(random.nextDouble() < 0.01);
        double roll = random.nextDouble();
        Outcome outcome;
        long endMs;
        if (roll < 0.03) {
            outcome = Outcome.FAILED;
            cdr.setReleaseCause(new int[] {1, 27, 38, 41}[random.nextInt(4)]);
            endMs = startMs + 500 + random.nextInt(3_000);
        } else if (roll < 0.08) {
            outcome = Outcome.BUSY;
            cdr.setReleaseCause(17);
            endMs = startMs + 500 + random.nextInt(2_000);
        } else {
            boolean ivr = random.nextDouble() < 0.6;
            long queueMs = startMs + (ivr ? 5_000 + random.nextInt(35_000) : 0);
            cdr.setIvr(ivr);
            if (ivr) {
                cdr.setQueueTime(Instant.ofEpochMilli(queueMs));
            }
            double how = random.nextDouble();
            if (how < 0.80) {
                outcome = Outcome.ANSWERED;
                long answerMs = queueMs + exponential(25_000);
                cdr.setAnswerTime(Instant.ofEpochMilli(answerMs));
                cdr.setAgentId("agent-" + random.nextInt(40));
                cdr.setReleaseCause(16);
                cdr.setReleasedBy(random.nextBoolean() ? ReleasedBy.CALLER : ReleasedBy.HOTLINE);
                endMs = answerMs + 10_000 + exponential(170_000);
                if (random.nextDouble() < 0.7) {
                    cdr.setResolved(random.nextDouble() < 0.75);
                }
                if (random.nextDouble() < 0.4) {
                    cdr.setSatisfaction(1 + Math.min(4, (int) Math.floor(Math.sqrt(random.nextDouble()) * 5)));
                }
            } else if (how < 0.92) {
                outcome = Outcome.ABANDONED;
                cdr.setReleaseCause(16);
                cdr.setReleasedBy(ReleasedBy.CALLER);
                endMs = queueMs + exponential(40_000);
            } else {
                outcome = Outcome.NO_ANSWER;
                cdr.setReleaseCause(19);
                cdr.setReleasedBy(ReleasedBy.HOTLINE);
                endMs = queueMs + 30_000 + random.nextInt(60_000);
            }
        }
        cdr.setEndTime(Instant.ofEpochMilli(endMs));
        if (random.nextBoolean()) {
            cdr.setOutcome(outcome);
        }
        return cdr.build();
    }

    private long exponential(double meanMs) {
        return Math.round(-Math.log(1 - random.nextDouble()) * meanMs);
    }
}
