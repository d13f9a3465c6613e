package org.hotlinepulse.pipeline;

import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.cdr.CdrSource;
import org.hotlinepulse.cdr.OutcomeDerivation;

/**
 * The facts of one call attempt that the line-health rules need (no caller data): times in
 * epoch milliseconds, the outcome, whether it was a probe or went through a voice menu, and
 * whether it was a short abandon (contract §4) that the abandonment rate leaves out, and the feed
 * ({@code source}) that delivered it.
 */
public record Attempt(long startTime, long endTime, Outcome outcome, boolean probe, boolean ivr, boolean shortAbandon,
                      String source) {

    /** contract §4's default {@code short_abandon_seconds}, in milliseconds. */
    public static final long DEFAULT_SHORT_ABANDON_MS = 5_000;

    /** An attempt delivered by the default source. */
    public Attempt(long startTime, long endTime, Outcome outcome, boolean probe, boolean ivr, boolean shortAbandon) {
        this(startTime, endTime, outcome, probe, ivr, shortAbandon, CdrSource.DEFAULT);
    }

    /** The attempt of a validated CDR, with the default short-abandon limit. */
    public static Attempt of(Cdr cdr) {
        return of(cdr, DEFAULT_SHORT_ABANDON_MS);
    }

    /** The attempt of a validated CDR; an ABANDONED call waiting less than {@code shortAbandonMs} is a short abandon. */
    public static Attempt of(Cdr cdr, long shortAbandonMs) {
        Outcome outcome = cdr.getOutcome() != null ? cdr.getOutcome() : OutcomeDerivation.derive(cdr);
        long start = cdr.getStartTime().toEpochMilli();
        long end = cdr.getEndTime().toEpochMilli();
        long waitFrom = cdr.getQueueTime() != null ? cdr.getQueueTime().toEpochMilli() : start;
        boolean shortAbandon = outcome == Outcome.ABANDONED && end - waitFrom < shortAbandonMs;
        return new Attempt(start, end, outcome, cdr.getProbe(), cdr.getIvr(), shortAbandon, CdrSource.of(cdr));
    }

    /** Whether the call got through (ANSWERED, ABANDONED or NO_ANSWER). */
    public boolean connected() {
        return outcome == Outcome.ANSWERED || outcome == Outcome.ABANDONED || outcome == Outcome.NO_ANSWER;
    }
}
