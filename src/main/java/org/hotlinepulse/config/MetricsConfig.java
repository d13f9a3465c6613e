package org.hotlinepulse.config;

import org.hotlinepulse.metrics.MetricSettings;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/** The knobs of the windowed metrics (contract §4); defaults in {@link #DEFAULTS}. */
public record MetricsConfig(
        List<Integer> windowMinutes,
        Duration maxOutOfOrderness,
        Duration allowedLateness,
        Duration shortAbandon,
        Duration serviceLevel,
        Duration duplicateHorizon) implements Serializable {

    public static final MetricsConfig DEFAULTS = new MetricsConfig(
            List.of(1, 15, 60),
            Duration.ofMinutes(10),
            Duration.ofHours(4),
            Duration.ofSeconds(5),
            Duration.ofSeconds(20),
            Duration.ofHours(24));

    public MetricsConfig {
        windowMinutes = List.copyOf(windowMinutes);
    }

    public MetricsConfig withMaxOutOfOrderness(Duration value) {
        return new MetricsConfig(windowMinutes, value, allowedLateness, shortAbandon, serviceLevel,
                duplicateHorizon);
    }

    public MetricSettings settings() {
        return new MetricSettings(shortAbandon, serviceLevel);
    }
}
