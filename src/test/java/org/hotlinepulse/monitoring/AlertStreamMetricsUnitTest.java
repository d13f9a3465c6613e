package org.hotlinepulse.monitoring;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AlertStreamMetricsUnitTest {

    @Test
    void theLagIsNaNUntilTheFirstWatermarkThenSecondsBehindTheClock() {
        assertThat(AlertStreamMetrics.lagSeconds(Long.MIN_VALUE, 1_000)).isNaN();
        assertThat(AlertStreamMetrics.lagSeconds(1_000, 61_500)).isEqualTo(60.5);
    }
}
