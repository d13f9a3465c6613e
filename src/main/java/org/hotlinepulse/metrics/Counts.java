package org.hotlinepulse.metrics;

import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The additive counts of contract §4 for one key and one span of time. This is where each count
 * is defined: {@link #addCall} adds one CDR, {@link #add} sums two spans, and every rate is
 * recomputed from sums by {@link Rates}, never averaged.
 *
 * <p>Next to them, and never inside them, the span's probe calls ({@link #addProbe}): every §4
 * count and rate is over non-probe CDRs only, and a span whose only CDRs are probes has
 * {@code attempts} 0 and makes no metrics row. The probe counts ride on the rows there are and
 * roll up the same way, so the monthly assessment can see that a line's probes got through.
 *
 * <p>Flink serializes it with {@link CountsSerializer}, column by column in the order of
 * {@link #COLUMNS}.
 */
@TypeInfo(CountsTypeFactory.class)
public class Counts {
    public long attempts;
    public long connected;
    public long answered;
    public long abandoned;
    public long shortAbandoned;
    public long noAnswer;
    public long busy;
    public long failed;
    public long answeredWithinSl;
    public long waitMsSum;
    public long talkMsSum;
    public long resolvedKnown;
    public long resolved;
    public long satisfactionCount;
    public long satisfactionSum;
    public long satisfied;
    /** Probe calls (CDRs with {@code probe} true): not a §4 count. */
    public long probeAttempts;
    /** Probe calls that got through: ANSWERED, ABANDONED or NO_ANSWER. */
    public long probeConnected;

    /**
     * The counts by the names their columns have in metrics.csv and the metrics tables: the §4
     * counts, then the probe counts, in the order of {@link #columnValues}.
     */
    public static final List<String> COLUMNS = List.of("attempts", "connected", "answered",
            "abandoned", "short_abandoned", "no_answer", "busy", "failed", "answered_within_sl",
            "wait_ms_sum", "talk_ms_sum", "resolved_known", "resolved", "satisfaction_count",
            "satisfaction_sum", "satisfied", "probe_attempts", "probe_connected");
    /** How many of {@link #COLUMNS} are the §4 counts (the rest are the probe counts). */
    public static final int SECTION_4_COLUMNS = 16;

    public Counts() {}

    /** The counts in the order of {@link #COLUMNS}. */
    public long[] columnValues() {
        long[] values = new long[COLUMNS.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = column(i);
        }
        return values;
    }

    /** Counts from values in the order of {@link #COLUMNS}; the probe counts may be left out (0). */
    public static Counts ofColumnValues(long[] values) {
        Counts c = new Counts();
        for (int i = 0; i < values.length; i++) {
            c.setColumn(i, values[i]);
        }
        return c;
    }

    /** The count of column {@code index} of {@link #COLUMNS}. */
    public long column(int index) {
        return switch (index) {
            case 0 -> attempts;
            case 1 -> connected;
            case 2 -> answered;
            case 3 -> abandoned;
            case 4 -> shortAbandoned;
            case 5 -> noAnswer;
            case 6 -> busy;
            case 7 -> failed;
            case 8 -> answeredWithinSl;
            case 9 -> waitMsSum;
            case 10 -> talkMsSum;
            case 11 -> resolvedKnown;
            case 12 -> resolved;
            case 13 -> satisfactionCount;
            case 14 -> satisfactionSum;
            case 15 -> satisfied;
            case 16 -> probeAttempts;
            case 17 -> probeConnected;
            default -> throw new IndexOutOfBoundsException("no count column " + index);
        };
    }

    /** Sets the count of column {@code index} of {@link #COLUMNS}. */
    public void setColumn(int index, long value) {
        switch (index) {
            case 0 -> attempts = value;
            case 1 -> connected = value;
            case 2 -> answered = value;
            case 3 -> abandoned = value;
            case 4 -> shortAbandoned = value;
            case 5 -> noAnswer = value;
            case 6 -> busy = value;
            case 7 -> failed = value;
            case 8 -> answeredWithinSl = value;
            case 9 -> waitMsSum = value;
            case 10 -> talkMsSum = value;
            case 11 -> resolvedKnown = value;
            case 12 -> resolved = value;
            case 13 -> satisfactionCount = value;
            case 14 -> satisfactionSum = value;
            case 15 -> satisfied = value;
            case 16 -> probeAttempts = value;
            case 17 -> probeConnected = value;
            default -> throw new IndexOutOfBoundsException("no count column " + index);
        }
    }

    /** The counts of a single, validated, non-probe CDR (its outcome already set). */
    public static Counts ofCall(Cdr cdr, MetricSettings settings) {
        Counts counts = new Counts();
        counts.addCall(cdr, settings);
        return counts;
    }

    /** Adds one validated, non-probe CDR whose outcome is set. */
    public void addCall(Cdr cdr, MetricSettings settings) {
        attempts++;
        Outcome outcome = cdr.getOutcome();
        switch (outcome) {
            case ANSWERED -> {
                connected++;
                answered++;
                long waitMs = waitMs(cdr, cdr.getAnswerTime());
                waitMsSum = Math.addExact(waitMsSum, waitMs);
                talkMsSum = Math.addExact(talkMsSum,
                        Math.subtractExact(cdr.getEndTime().toEpochMilli(), cdr.getAnswerTime().toEpochMilli()));
                if (waitMs <= settings.serviceLevelMs()) {
                    answeredWithinSl++;
                }
                if (cdr.getResolved() != null) {
                    resolvedKnown++;
                    if (cdr.getResolved()) {
                        resolved++;
                    }
                }
            }
            case ABANDONED -> {
                connected++;
                abandoned++;
                if (waitMs(cdr, cdr.getEndTime()) < settings.shortAbandonMs()) {
                    shortAbandoned++;
                }
            }
            case NO_ANSWER -> {
                connected++;
                noAnswer++;
            }
            case BUSY -> busy++;
            case FAILED -> failed++;
        }
        Integer score = cdr.getSatisfaction();
        if (score != null) {
            satisfactionCount++;
            satisfactionSum = Math.addExact(satisfactionSum, score);
            if (score >= 4) {
                satisfied++;
            }
        }
    }

    /** The counts of a single, validated CDR, probe or not (its outcome already set). */
    public static Counts of(Cdr cdr, MetricSettings settings) {
        Counts counts = new Counts();
        counts.addRecord(cdr, settings);
        return counts;
    }

    /** Adds one validated probe CDR whose outcome is set; no §4 count changes. */
    public void addProbe(Cdr cdr) {
        probeAttempts++;
        switch (cdr.getOutcome()) {
            case ANSWERED, ABANDONED, NO_ANSWER -> probeConnected++;
            case BUSY, FAILED -> { }
        }
    }

    /** Adds one validated CDR whose outcome is set: to the §4 counts, or to the probe counts. */
    public void addRecord(Cdr cdr, MetricSettings settings) {
        if (cdr.getProbe()) {
            addProbe(cdr);
        } else {
            addCall(cdr, settings);
        }
    }

    /** contract §4: only a span with a non-probe CDR makes a metrics row. */
    public boolean makesRow() {
        return attempts > 0;
    }

    /** Wait runs from queue_time where present, else from start_time. */
    private static long waitMs(Cdr cdr, Instant until) {
        Instant from = cdr.getQueueTime() != null ? cdr.getQueueTime() : cdr.getStartTime();
        return Math.subtractExact(until.toEpochMilli(), from.toEpochMilli());
    }

    /** Adds another span's counts to this one. */
    public void add(Counts other) {
        attempts = Math.addExact(attempts, other.attempts);
        connected = Math.addExact(connected, other.connected);
        answered = Math.addExact(answered, other.answered);
        abandoned = Math.addExact(abandoned, other.abandoned);
        shortAbandoned = Math.addExact(shortAbandoned, other.shortAbandoned);
        noAnswer = Math.addExact(noAnswer, other.noAnswer);
        busy = Math.addExact(busy, other.busy);
        failed = Math.addExact(failed, other.failed);
        answeredWithinSl = Math.addExact(answeredWithinSl, other.answeredWithinSl);
        waitMsSum = Math.addExact(waitMsSum, other.waitMsSum);
        talkMsSum = Math.addExact(talkMsSum, other.talkMsSum);
        resolvedKnown = Math.addExact(resolvedKnown, other.resolvedKnown);
        resolved = Math.addExact(resolved, other.resolved);
        satisfactionCount = Math.addExact(satisfactionCount, other.satisfactionCount);
        satisfactionSum = Math.addExact(satisfactionSum, other.satisfactionSum);
        satisfied = Math.addExact(satisfied, other.satisfied);
        probeAttempts = Math.addExact(probeAttempts, other.probeAttempts);
        probeConnected = Math.addExact(probeConnected, other.probeConnected);
    }

    public Counts copy() {
        Counts copy = new Counts();
        copy.add(this);
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Counts c)) {
            return false;
        }
        return attempts == c.attempts && connected == c.connected && answered == c.answered
                && abandoned == c.abandoned && shortAbandoned == c.shortAbandoned
                && noAnswer == c.noAnswer && busy == c.busy && failed == c.failed
                && answeredWithinSl == c.answeredWithinSl && waitMsSum == c.waitMsSum
                && talkMsSum == c.talkMsSum && resolvedKnown == c.resolvedKnown
                && resolved == c.resolved && satisfactionCount == c.satisfactionCount
                && satisfactionSum == c.satisfactionSum && satisfied == c.satisfied
                && probeAttempts == c.probeAttempts && probeConnected == c.probeConnected;
    }

    @Override
    public int hashCode() {
        return Objects.hash(attempts, connected, answered, abandoned, shortAbandoned, noAnswer,
                busy, failed, answeredWithinSl, waitMsSum, talkMsSum, resolvedKnown, resolved,
                satisfactionCount, satisfactionSum, satisfied, probeAttempts, probeConnected);
    }

    @Override
    public String toString() {
        return "Counts{attempts=" + attempts + ", connected=" + connected + ", answered=" + answered
                + ", abandoned=" + abandoned + ", shortAbandoned=" + shortAbandoned
                + ", noAnswer=" + noAnswer + ", busy=" + busy + ", failed=" + failed
                + ", answeredWithinSl=" + answeredWithinSl + ", waitMsSum=" + waitMsSum
                + ", talkMsSum=" + talkMsSum + ", resolvedKnown=" + resolvedKnown
                + ", resolved=" + resolved + ", satisfactionCount=" + satisfactionCount
                + ", satisfactionSum=" + satisfactionSum + ", satisfied=" + satisfied
                + ", probeAttempts=" + probeAttempts + ", probeConnected=" + probeConnected + '}';
    }
}
