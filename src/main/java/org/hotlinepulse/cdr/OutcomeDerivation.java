package org.hotlinepulse.cdr;

import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;

/**
 * Derives the outcome of a CDR that arrived without one, from its answer time, Q.850 release cause and
 * releasing side, exactly as contract §3 orders the rules.
 */
public final class OutcomeDerivation {

    private OutcomeDerivation() {}

    /** The outcome contract §3 assigns to this CDR; ignores any outcome the CDR already carries. */
    public static Outcome derive(Cdr cdr) {
        if (cdr.getAnswerTime() != null) {
            return Outcome.ANSWERED;
        }
        Integer cause = cdr.getReleaseCause();
        if (cause != null && isBusy(cause)) {
            return Outcome.BUSY;
        }
        if (cause != null && !isNormalClearing(cause)) {
            return Outcome.FAILED;
        }
        if (cdr.getReleasedBy() != null) {
            switch (cdr.getReleasedBy()) {
                case CALLER:
                    return Outcome.ABANDONED;
                case HOTLINE:
                    return Outcome.NO_ANSWER;
                default:
                    throw new IllegalStateException("unhandled released_by " + cdr.getReleasedBy());
            }
        }
        if (cause != null && isNoAnswer(cause)) {
            return Outcome.NO_ANSWER;
        }
        return Outcome.ABANDONED;
    }

    /** 17 user busy, 34 no circuit available, 42 switching equipment congestion. */
    static boolean isBusy(int cause) {
        return cause == 17 || cause == 34 || cause == 42;
    }

    /** The causes with which a call that reached the hotline ends: 16, 18, 19, 31, 102. */
    static boolean isNormalClearing(int cause) {
        return cause == 16 || isNoAnswer(cause) || cause == 31;
    }

    /** 18 no user responding, 19 no answer from user, 102 recovery on timer expiry. */
    static boolean isNoAnswer(int cause) {
        return cause == 18 || cause == 19 || cause == 102;
    }
}
