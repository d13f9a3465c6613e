package org.hotlinepulse.config;

import org.hotlinepulse.directory.ThresholdKey;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code alerts} section: job-wide overrides of the contract §6 alert thresholds (a line's own
 * {@code thresholds} in the directory win over these; keys not given keep the contract's defaults), and
 * the {@code feeds} watched for FEED_STALE (empty: every source seen, each forgotten after a day
 * of silence).
 */
public record AlertsConfig(Map<ThresholdKey, Double> thresholds, List<String> feeds) implements Serializable {

    public static final AlertsConfig DEFAULTS = new AlertsConfig(Map.of(), List.of());

    public AlertsConfig {
        feeds = new ArrayList<>(feeds);
        // EnumMap rather than Map.copyOf: the record travels to the cluster with the job and must
        // stay Serializable and ordered the same way every time.
        EnumMap<ThresholdKey, Double> copy = new EnumMap<>(ThresholdKey.class);
        copy.putAll(thresholds);
        thresholds = copy;
    }
}
