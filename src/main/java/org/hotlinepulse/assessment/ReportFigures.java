package org.hotlinepulse.assessment;

import org.hotlinepulse.metrics.Ratio;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Figures as the HTML report prints them for reading: rates as percentages with one decimal,
 * minutes whole, durations in hours and minutes, counts grouped by thousands. Every rounding is
 * half up from the exact counts; an undefined rate prints as {@link #UNDEFINED}.
 */
public final class ReportFigures {
    /** What an undefined figure (denominator 0) prints as. */
    public static final String UNDEFINED = "—";

    private ReportFigures() {}

    /** {@code 0.79945} as {@code 79.9 %}. */
    public static String percent(Ratio rate) {
        return rate.isDefined() ? grouped(halfUp(BigDecimal.valueOf(rate.numerator()).scaleByPowerOfTen(2), rate.denominator(), 1)) + " %" : UNDEFINED;
    }

    /** The ratio with {@code places} decimals, e.g. a mean survey score. */
    public static String decimals(Ratio value, int places) {
        return value.isDefined() ? grouped(halfUp(BigDecimal.valueOf(value.numerator()), value.denominator(), places)) : UNDEFINED;
    }

    /** Minutes as a whole number, e.g. {@code 1,950}. */
    public static String wholeMinutes(Ratio minutes) {
        return decimals(minutes, 0);
    }

    /** A duration given in minutes as hours and whole minutes, e.g. {@code 16 h 08 min}; never in days. */
    public static String hoursAndMinutes(Ratio minutes) {
        if (!minutes.isDefined()) {
            return UNDEFINED;
        }
        long total = halfUp(BigDecimal.valueOf(minutes.numerator()), minutes.denominator(), 0).longValueExact();
        return String.format(Locale.ROOT, "%,d h %02d min", total / 60, total % 60);
    }

    /** A count grouped by thousands, e.g. {@code 12,345}. */
    public static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    private static BigDecimal halfUp(BigDecimal numerator, long denominator, int places) {
        return numerator.divide(BigDecimal.valueOf(denominator), places, RoundingMode.HALF_UP);
    }

    private static String grouped(BigDecimal value) {
        return String.format(Locale.ROOT, "%,." + value.scale() + "f", value);
    }
}
