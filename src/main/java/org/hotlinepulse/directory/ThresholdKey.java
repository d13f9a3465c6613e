package org.hotlinepulse.directory;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The alert thresholds of contract §6 that a line may override in its {@code thresholds} map,
 * each with the kind of value it takes. The defaults themselves belong to the job configuration.
 */
public enum ThresholdKey {
    OUT_OF_SERVICE_FAILED_ATTEMPTS(Kind.COUNT),
    OUT_OF_SERVICE_WINDOW_MINUTES(Kind.MINUTES),
    CONSTANT_BUSY_MIN_ATTEMPTS(Kind.COUNT),
    CONSTANT_BUSY_SHARE(Kind.SHARE),
    CONSTANT_BUSY_RESOLVE_SHARE(Kind.SHARE),
    CONSTANT_BUSY_WINDOW_MINUTES(Kind.MINUTES),
    UNANSWERED_MIN_CONNECTED(Kind.COUNT),
    UNANSWERED_WINDOW_MINUTES(Kind.MINUTES),
    SILENT_MIN_EXPECTED_CALLS(Kind.POSITIVE),
    SILENT_MIN_MINUTES(Kind.MINUTES),
    HIGH_ABANDONMENT_MIN_CONNECTED(Kind.COUNT),
    HIGH_ABANDONMENT_RATE(Kind.SHARE),
    HIGH_ABANDONMENT_RESOLVE_RATE(Kind.SHARE),
    HIGH_ABANDONMENT_WINDOW_MINUTES(Kind.MINUTES),
    PROBE_FAILED_CONSECUTIVE(Kind.COUNT);

    /** What values a threshold accepts. */
    public enum Kind {
        /** A whole number of calls, at least 1. */
        COUNT("a whole number of at least 1, such as 5"),
        /** A whole number of minutes, at least 1. */
        MINUTES("a whole number of minutes of at least 1, such as 15"),
        /** A share or rate in (0, 1]. */
        SHARE("a share above 0 and at most 1, such as 0.8"),
        /** A number above 0. */
        POSITIVE("a number above 0, such as 10");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        /** How to write a valid value, for error messages. */
        public String description() {
            return description;
        }

        boolean accepts(double value) {
            return switch (this) {
                case COUNT, MINUTES -> value >= 1 && value == Math.rint(value) && !Double.isInfinite(value);
                case SHARE -> value > 0 && value <= 1;
                case POSITIVE -> value > 0 && Double.isFinite(value);
            };
        }
    }

    private final Kind kind;

    ThresholdKey(Kind kind) {
        this.kind = kind;
    }

    /** The key as written in YAML, e.g. {@code constant_busy_share}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of value this threshold takes. */
    public Kind kind() {
        return kind;
    }

    /** The threshold written as {@code key}, or null when there is none. */
    public static ThresholdKey ofKey(String key) {
        for (ThresholdKey k : values()) {
            if (k.key().equals(key)) {
                return k;
            }
        }
        return null;
    }

    /** All keys as written in YAML, comma-separated, for error messages and docs. */
    public static String allKeys() {
        return Arrays.stream(values()).map(ThresholdKey::key).collect(Collectors.joining(", "));
    }

    /** Whether {@code value} is acceptable for this threshold. */
    public boolean accepts(double value) {
        return kind.accepts(value);
    }
}
