package org.hotlinepulse.metrics;

/**
 * The rates of contract §4, always recomputed from summed {@link Counts}, never averaged. A rate
 * whose denominator is 0 is undefined (empty in CSV, null in Avro and SQL).
 */
public record Rates(
        Ratio connectionRate,
        Ratio answerRate,
        Ratio abandonmentRate,
        Ratio serviceLevel,
        Ratio asaSeconds) {

    public static Rates of(Counts c) {
        long handled = c.connected - c.shortAbandoned;
        return new Rates(
                new Ratio(c.connected, c.attempts),
                new Ratio(c.answered, c.attempts),
                new Ratio(c.abandoned - c.shortAbandoned, handled),
                new Ratio(c.answeredWithinSl, handled),
                new Ratio(c.waitMsSum, c.answered * 1000));
    }
}
