package org.hotlinepulse.metrics;

import java.io.Serializable;
import java.time.Duration;

/** The two thresholds that some counts of contract §4 depend on. */
public record MetricSettings(Duration shortAbandon, Duration serviceLevel) implements Serializable {

    public static final MetricSettings DEFAULTS =
            new MetricSettings(Duration.ofSeconds(5), Duration.ofSeconds(20));

    public long shortAbandonMs() {
        return shortAbandon.toMillis();
    }

    public long serviceLevelMs() {
        return serviceLevel.toMillis();
    }
}
