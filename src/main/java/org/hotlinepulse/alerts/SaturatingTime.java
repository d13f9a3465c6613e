package org.hotlinepulse.alerts;

import java.time.Instant;

/**
 * Event-time sums that stop at the ends of time instead of wrapping round. The watermark is
 * Long.MIN_VALUE before the first one and Long.MAX_VALUE at the end of a bounded input, so a
 * moment computed from it may lie beyond what a long holds; it then means "never" (or "ever
 * since"), which is what a rule's timer needs. Where a time comes from a validated CDR, an
 * overflow would be a bug, and the rules use {@link Math#addExact} instead.
 */
final class SaturatingTime {
    private static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE);
    private static final Instant EARLIEST = Instant.ofEpochMilli(Long.MIN_VALUE);

    private SaturatingTime() {}

    /** {@code t + ms}, or Long.MAX_VALUE / Long.MIN_VALUE where the sum would not fit. */
    static long plus(long t, long ms) {
        long sum = t + ms;
        // Overflow iff both operands have the sign the sum lacks (as in Math.addExact).
        if (((t ^ sum) & (ms ^ sum)) < 0) {
            return ms > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return sum;
    }

    /** The instant in epoch milliseconds, Long.MAX_VALUE / Long.MIN_VALUE beyond what a long holds. */
    static long epochMillis(Instant t) {
        if (t.isAfter(LATEST)) {
            return Long.MAX_VALUE;
        }
        if (t.isBefore(EARLIEST)) {
            return Long.MIN_VALUE;
        }
        return t.toEpochMilli();
    }
}
