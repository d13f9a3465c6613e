package org.hotlinepulse.metrics;

/**
 * The rates of DESIGN §4, always recomputed from summed {@link Counts}; a rate whose
 * denominator is 0 is {@code null} (empty in CSV, null in Avro and SQL).
 */
public record Rates(
        Double connectionRate,
        Double answerRate,
        Double abandonmentRate,
        Double serviceLevel,
        Double asaSeconds) {

    public static Rates of(Counts c) {
        long handled = c.connected - c.shortAbandoned;
        return new Rates(
                ratio(c.connected, c.attempts),
                ratio(c.answered, c.attempts),
                ratio(c.abandoned - c.shortAbandoned, handled),
                ratio(c.answeredWithinSl, handled),
                c.answered == 0 ? null : c.waitMsSum / (double) c.answered / 1000.0);
    }

    private static Double ratio(long numerator, long denominator) {
        return denominator == 0 ? null : numerator / (double) denominator;
    }
}
