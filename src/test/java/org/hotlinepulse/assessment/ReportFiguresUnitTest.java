package org.hotlinepulse.assessment;

import org.hotlinepulse.metrics.Ratio;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The figures as the HTML report prints them: rounded half up from the exact counts. */
class ReportFiguresUnitTest {

    @Test
    void ratesArePercentagesWithOneDecimalRoundedHalfUpFromTheCounts() {
        assertThat(ReportFigures.percent(new Ratio(7_994, 10_000))).isEqualTo("79.9 %");
        assertThat(ReportFigures.percent(new Ratio(7_995, 10_000))).as("exactly half").isEqualTo("80.0 %");
        assertThat(ReportFigures.percent(new Ratio(79_949_999, 100_000_000))).as("just under half").isEqualTo("79.9 %");
        // 1/3 = 33.33… %, 2/3 = 66.66… %: a double would round these too, 1/8 = 12.5 % needs no rounding.
        assertThat(ReportFigures.percent(new Ratio(1, 3))).isEqualTo("33.3 %");
        assertThat(ReportFigures.percent(new Ratio(2, 3))).isEqualTo("66.7 %");
        assertThat(ReportFigures.percent(new Ratio(1, 8))).isEqualTo("12.5 %");
        assertThat(ReportFigures.percent(new Ratio(1, 2_000))).as("0.05 %").isEqualTo("0.1 %");
        assertThat(ReportFigures.percent(new Ratio(0, 7))).isEqualTo("0.0 %");
        assertThat(ReportFigures.percent(new Ratio(7, 7))).isEqualTo("100.0 %");
        assertThat(ReportFigures.percent(new Ratio(19_999, 20_000))).as("99.995 %").isEqualTo("100.0 %");
    }

    @Test
    void anUndefinedFigureIsADash() {
        Ratio undefined = new Ratio(0, 0);
        assertThat(ReportFigures.percent(undefined)).isEqualTo("—");
        assertThat(ReportFigures.decimals(undefined, 2)).isEqualTo("—");
        assertThat(ReportFigures.wholeMinutes(undefined)).isEqualTo("—");
        assertThat(ReportFigures.hoursAndMinutes(undefined)).isEqualTo("—");
    }

    @Test
    void minutesAreWholeAndGrouped() {
        assertThat(ReportFigures.wholeMinutes(new Ratio(1950L * 60_000, 60_000))).isEqualTo("1,950");
        assertThat(ReportFigures.wholeMinutes(new Ratio(89_999, 60_000))).as("1.49998 min").isEqualTo("1");
        assertThat(ReportFigures.wholeMinutes(new Ratio(90_000, 60_000))).as("1.5 min").isEqualTo("2");
        assertThat(ReportFigures.wholeMinutes(new Ratio(0, 60_000))).isEqualTo("0");
    }

    @Test
    void durationsAreHoursAndMinutesNeverDays() {
        assertThat(ReportFigures.hoursAndMinutes(new Ratio(9_681_682, 10_000))).as("968.1682 min")
                .isEqualTo("16 h 08 min");
        assertThat(ReportFigures.hoursAndMinutes(new Ratio(0, 1))).isEqualTo("0 h 00 min");
        assertThat(ReportFigures.hoursAndMinutes(new Ratio(59, 2))).as("29.5 min").isEqualTo("0 h 30 min");
        assertThat(ReportFigures.hoursAndMinutes(new Ratio(1199, 20))).as("59.95 min").isEqualTo("1 h 00 min");
        assertThat(ReportFigures.hoursAndMinutes(new Ratio(1440, 1))).isEqualTo("24 h 00 min");
        assertThat(ReportFigures.hoursAndMinutes(new Ratio(7 * 1440 + 13 * 60 + 30, 1))).isEqualTo("181 h 30 min");
        assertThat(ReportFigures.hoursAndMinutes(new Ratio(100_000L * 60, 1))).isEqualTo("100,000 h 00 min");
    }

    @Test
    void countsAndDecimalsAreGroupedByThousands() {
        assertThat(ReportFigures.count(0)).isEqualTo("0");
        assertThat(ReportFigures.count(999)).isEqualTo("999");
        assertThat(ReportFigures.count(12_345)).isEqualTo("12,345");
        assertThat(ReportFigures.count(1_234_567)).isEqualTo("1,234,567");
        assertThat(ReportFigures.decimals(new Ratio(421, 100), 2)).isEqualTo("4.21");
        assertThat(ReportFigures.decimals(new Ratio(8_425, 2_000), 2)).as("4.2125").isEqualTo("4.21");
        assertThat(ReportFigures.decimals(new Ratio(8_425, 1_000), 2)).as("8.425").isEqualTo("8.43");
        assertThat(ReportFigures.decimals(new Ratio(12_345_678, 100), 1)).isEqualTo("123,456.8");
    }
}
