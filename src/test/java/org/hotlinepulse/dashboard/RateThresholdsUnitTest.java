package org.hotlinepulse.dashboard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateThresholdsUnitTest {

    @Test
    void higherIsBetterForConnectionAnswerAndServiceLevel() {
        assertThat(RateThresholds.CONNECTION_RATE.status(0.95)).isEqualTo("good");
        assertThat(RateThresholds.CONNECTION_RATE.status(0.9499)).isEqualTo("warn");
        assertThat(RateThresholds.CONNECTION_RATE.status(0.85)).isEqualTo("warn");
        assertThat(RateThresholds.CONNECTION_RATE.status(0.8499)).isEqualTo("bad");
        assertThat(RateThresholds.SERVICE_LEVEL.status(0.5)).isEqualTo("bad");
        assertThat(RateThresholds.ANSWER_RATE.status(null)).isEqualTo("none");
    }

    @Test
    void lowerIsBetterForAbandonment() {
        assertThat(RateThresholds.ABANDONMENT_RATE.status(0.0)).isEqualTo("good");
        assertThat(RateThresholds.ABANDONMENT_RATE.status(0.10)).isEqualTo("good");
        assertThat(RateThresholds.ABANDONMENT_RATE.status(0.15)).isEqualTo("warn");
        assertThat(RateThresholds.ABANDONMENT_RATE.status(0.21)).isEqualTo("bad");
    }
}
