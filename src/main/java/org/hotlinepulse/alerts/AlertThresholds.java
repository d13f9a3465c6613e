package org.hotlinepulse.alerts;

import java.io.Serializable;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.hotlinepulse.directory.Line;
import org.hotlinepulse.directory.ThresholdKey;

/**
 * The effective thresholds of contract §6 for one line: the defaults, overridden by the job
 * configuration, overridden by the line's own {@code thresholds} ({@link #forLine}).
 */
public final class AlertThresholds implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The UNKNOWN_LINE defaults: 3 attempts within 60 min fire, 24 h without attempts resolve. */
    public static final int DEFAULT_UNKNOWN_LINE_ATTEMPTS = 3;
    public static final int DEFAULT_UNKNOWN_LINE_WINDOW_MINUTES = 60;
    public static final int DEFAULT_UNKNOWN_LINE_QUIET_HOURS = 24;

    private static final AlertThresholds DEFAULTS = new AlertThresholds(Map.of(),
            DEFAULT_UNKNOWN_LINE_ATTEMPTS, DEFAULT_UNKNOWN_LINE_WINDOW_MINUTES, DEFAULT_UNKNOWN_LINE_QUIET_HOURS);

    private final double[] values;
    private final int unknownLineAttempts;
    private final int unknownLineWindowMinutes;
    private final int unknownLineQuietHours;

    /**
     * The defaults with {@code overrides} (the job configuration) applied.
     *
     * @throws IllegalArgumentException when a value is not acceptable for its key or an
     *     UNKNOWN_LINE value is below 1
     */
    public AlertThresholds(Map<ThresholdKey, Double> overrides, int unknownLineAttempts,
                           int unknownLineWindowMinutes, int unknownLineQuietHours) {
        this(defaultValues(), overrides, unknownLineAttempts, unknownLineWindowMinutes, unknownLineQuietHours);
    }

    private AlertThresholds(double[] base, Map<ThresholdKey, Double> overrides, int unknownLineAttempts,
                            int unknownLineWindowMinutes, int unknownLineQuietHours) {
        values = base.clone();
        for (Map.Entry<ThresholdKey, Double> e : overrides.entrySet()) {
            Double v = e.getValue();
            if (v == null || !e.getKey().accepts(v)) {
                throw new IllegalArgumentException("threshold " + e.getKey().key() + " " + v + " must be "
                        + e.getKey().kind().description());
            }
            values[e.getKey().ordinal()] = v;
        }
        if (unknownLineAttempts < 1 || unknownLineWindowMinutes < 1 || unknownLineQuietHours < 1) {
            throw new IllegalArgumentException("unknown_line attempts, window minutes and quiet hours must each be at least 1");
        }
        this.unknownLineAttempts = unknownLineAttempts;
        this.unknownLineWindowMinutes = unknownLineWindowMinutes;
        this.unknownLineQuietHours = unknownLineQuietHours;
    }

    /** contract §6's defaults. */
    public static AlertThresholds defaults() {
        return DEFAULTS;
    }

    /** These thresholds with the line's own overrides applied; these ones for an unknown line (null). */
    public AlertThresholds forLine(Line line) {
        if (line == null || line.thresholds().isEmpty()) {
            return this;
        }
        EnumMap<ThresholdKey, Double> own = new EnumMap<>(ThresholdKey.class);
        for (ThresholdKey k : ThresholdKey.values()) {
            line.threshold(k).ifPresent(v -> own.put(k, v));
        }
        return new AlertThresholds(values, own, unknownLineAttempts, unknownLineWindowMinutes, unknownLineQuietHours);
    }

    /** The value of one threshold. */
    public double get(ThresholdKey key) {
        return values[key.ordinal()];
    }

    /** A COUNT or MINUTES threshold as an int. */
    public int count(ThresholdKey key) {
        return (int) values[key.ordinal()];
    }

    public int unknownLineAttempts() {
        return unknownLineAttempts;
    }

    public int unknownLineWindowMinutes() {
        return unknownLineWindowMinutes;
    }

    public int unknownLineQuietHours() {
        return unknownLineQuietHours;
    }

    /** The longest span any window rule looks back over, in minutes: how much history a line keeps. */
    public int longestWindowMinutes() {
        return Math.max(Math.max(count(ThresholdKey.OUT_OF_SERVICE_WINDOW_MINUTES), count(ThresholdKey.CONSTANT_BUSY_WINDOW_MINUTES)),
                Math.max(Math.max(count(ThresholdKey.UNANSWERED_WINDOW_MINUTES), count(ThresholdKey.HIGH_ABANDONMENT_WINDOW_MINUTES)),
                        unknownLineWindowMinutes));
    }

    private static double[] defaultValues() {
        double[] v = new double[ThresholdKey.values().length];
        v[ThresholdKey.OUT_OF_SERVICE_FAILED_ATTEMPTS.ordinal()] = 3;
        v[ThresholdKey.OUT_OF_SERVICE_WINDOW_MINUTES.ordinal()] = 10;
        v[ThresholdKey.CONSTANT_BUSY_MIN_ATTEMPTS.ordinal()] = 10;
        v[ThresholdKey.CONSTANT_BUSY_SHARE.ordinal()] = 0.8;
        v[ThresholdKey.CONSTANT_BUSY_RESOLVE_SHARE.ordinal()] = 0.5;
        v[ThresholdKey.CONSTANT_BUSY_WINDOW_MINUTES.ordinal()] = 15;
        v[ThresholdKey.UNANSWERED_MIN_CONNECTED.ordinal()] = 5;
        v[ThresholdKey.UNANSWERED_WINDOW_MINUTES.ordinal()] = 20;
        v[ThresholdKey.SILENT_MIN_EXPECTED_CALLS.ordinal()] = 10;
        v[ThresholdKey.SILENT_MIN_MINUTES.ordinal()] = 15;
        v[ThresholdKey.HIGH_ABANDONMENT_MIN_CONNECTED.ordinal()] = 20;
        v[ThresholdKey.HIGH_ABANDONMENT_RATE.ordinal()] = 0.4;
        v[ThresholdKey.HIGH_ABANDONMENT_RESOLVE_RATE.ordinal()] = 0.25;
        v[ThresholdKey.HIGH_ABANDONMENT_WINDOW_MINUTES.ordinal()] = 30;
        v[ThresholdKey.PROBE_FAILED_CONSECUTIVE.ordinal()] = 2;
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AlertThresholds other && Arrays.equals(values, other.values)
                && unknownLineAttempts == other.unknownLineAttempts
                && unknownLineWindowMinutes == other.unknownLineWindowMinutes
                && unknownLineQuietHours == other.unknownLineQuietHours;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values) * 31 + unknownLineAttempts + 7 * unknownLineWindowMinutes + 13 * unknownLineQuietHours;
    }
}
