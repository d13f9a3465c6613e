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
        if (!isDefined()) {
            return "";
        }
        long n = denominator < 0 ? -numerator : numerator;
        long d = Math.abs(denominator);
        long scaled = Math.floorDiv(Math.multiplyExact(Math.abs(n), 20_000L) + d, 2 * d);
        String digits = Long.toString(scaled);
        if (digits.length() < 5) {
            digits = "0".repeat(5 - digits.length()) + digits;
        }
        String text = digits.substring(0, digits.length() - 4) + "." + digits.substring(digits.length() - 4);
        return n < 0 && scaled != 0 ? "-" + text : text;
    }
}
