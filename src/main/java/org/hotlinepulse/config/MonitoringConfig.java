package org.hotlinepulse.config;

import java.io.Serializable;

/**
 * How the job is watched: {@code prometheusPort} is where Flink's Prometheus reporter serves the
 * metrics of the embedded cluster {@code run} starts in its own process ({@code java -jar}), or 0 for no reporter
 * (a job submitted to a separate Flink cluster is reported by that cluster's configuration).
 */
public record MonitoringConfig(int prometheusPort) implements Serializable {
    public static final MonitoringConfig DEFAULTS = new MonitoringConfig(0);

    /** Whether the Prometheus reporter is on. */
    public boolean prometheus() {
        return prometheusPort > 0;
    }
}
