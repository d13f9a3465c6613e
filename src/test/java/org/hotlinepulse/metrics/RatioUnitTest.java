package org.hotlinepulse.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RatioUnitTest {

    @Test
    void fourDecimalsRoundHalfUpExactly() {
        assertThat(new Ratio(12_345, 100_000).fourDecimals()).as("0.12345").isEqualTo("0.1235");
        assertThat(new Ratio(12_344, 100_000).fourDecimals()).isEqualTo("0.1234");
        assertThat(new Ratio(1, 3).fourDecimals()).isEqualTo("0.3333");
        assertThat(new Ratio(2, 3).fourDecimals()).isEqualTo("0.6667");
        assertThat(new Ratio(1, 20_000).fourDecimals()).as("0.00005").isEqualTo("0.0001");
        assertThat(new Ratio(0, 7).fourDecimals()).isEqualTo("0.0000");
        assertThat(new Ratio(7, 7).fourDecimals()).isEqualTo("1.0000");
        assertThat(new Ratio(123_456_789, 1_000).fourDecimals()).isEqualTo("123456.7890");
    }

    @Test
    void aZeroDenominatorIsUndefined() {
        Ratio undefined = new Ratio(0, 0);
        assertThat(undefined.isDefined()).isFalse();
        assertThat(undefined.value()).isNull();
        assertThat(undefined.fourDecimals()).isEmpty();
        assertThat(new Ratio(3, 4).value()).isEqualTo(0.75);
    }
}
