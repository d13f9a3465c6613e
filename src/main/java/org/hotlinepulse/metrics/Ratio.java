package org.hotlinepulse.metrics;

/**
 * A rate as the two counts it is made of, so that it can be written exactly: a double for
 * Avro and SQL, four decimals rounded half up from the integers for CSV.
 */
public record Ratio(long numerator, long denominator) {

    public boolean isDefined() {
        return denominator != 0;
    }

    /** The value, or null when the denominator is 0. */
    public Double value() {
        return isDefined() ? numerator / (double) denominator : null;
    }

    /** Four decimals rounded half up, computed in integers; empty when undefined. */
    public String fourDecimals() {
        StringBuilder text = new StringBuilder(12);
        appendFourDecimals(text);
        return text.toString();
    }

    /** Appends {@link #fourDecimals()} to {@code out}, building no string of its own. */
    public void appendFourDecimals(StringBuilder out) {
        if (!isDefined()) {
            return;
        }
        long n = denominator < 0 ? -numerator : numerator;
        long d = Math.abs(denominator);
        long scaled = Math.floorDiv(Math.multiplyExact(Math.abs(n), 20_000L) + d, 2 * d);
        if (n < 0 && scaled != 0) {
            out.append('-');
        }
        out.append(scaled / 10_000).append('.');
        long fraction = scaled % 10_000;
        for (long digit = 1_000; digit > fraction && digit > 1; digit /= 10) {
            out.append('0');
        }
        out.append(fraction);
    }
}
