package org.hotlinepulse.dashboard;

/**
 * The colours of the department table: each rate is {@code good}, {@code warn} or {@code bad}
 * against two levels ({@code none} when undefined). For the abandonment rate lower is better.
 * The levels are the dashboard's own (docs/dashboard.md §3), not the alert thresholds.
 */
public enum RateThresholds {
    CONNECTION_RATE(0.95, 0.85, true),
    ANSWER_RATE(0.85, 0.70, true),
    ABANDONMENT_RATE(0.10, 0.20, false),
    SERVICE_LEVEL(0.80, 0.60, true);

    private final double good;
    private final double warn;
    private final boolean higherIsBetter;

    RateThresholds(double good, double warn, boolean higherIsBetter) {
        this.good = good;
        this.warn = warn;
        this.higherIsBetter = higherIsBetter;
    }

    /** {@code good}, {@code warn}, {@code bad}, or {@code none} for an undefined rate. */
    public String status(Double rate) {
        if (rate == null) {
            return "none";
        }
        if (higherIsBetter ? rate >= good : rate <= good) {
            return "good";
        }
        return (higherIsBetter ? rate >= warn : rate <= warn) ? "warn" : "bad";
    }
}
