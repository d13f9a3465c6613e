package org.hotlinepulse.config;

import org.hotlinepulse.directory.ThresholdKey;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;

/**
 * The {@code alerts} section: job-wide overrides of the DESIGN §6 alert thresholds. A line's own
 * {@code thresholds} in the directory win over these; keys not given keep DESIGN's defaults.
 */
public record AlertsConfig(Map<ThresholdKey, Double> thresholds) implements Serializable {

    public static final AlertsConfig DEFAULTS = new AlertsConfig(Map.of());

    public AlertsConfig {
        // EnumMap rather than Map.copyOf: the record travels to the cluster with the job and must
        // stay Serializable and ordered the same way every time.
        EnumMap<ThresholdKey, Double> copy = new EnumMap<>(ThresholdKey.class);
        copy.putAll(thresholds);
        thresholds = copy;
    }
}
