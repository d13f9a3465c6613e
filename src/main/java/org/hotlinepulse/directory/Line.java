package org.hotlinepulse.directory;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * One published hotline number: which department answers it, when it is staffed, the call
 * rate expected of it (the SILENT baseline) and its per-line alert threshold overrides.
 */
public final class Line implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]+");

    private final String number;
    private final String departmentId;
    private final String name;
    private final ServiceHours hours;
    /** NaN when absent: OptionalDouble is not Serializable. */
    private final double expectedCallsPerHour;
    /** Exposed only as a read-only view; see {@link Directory} on why fields hold plain collections. */
    private final LinkedHashMap<String, Double> thresholds;

    /**
     * @param name the line's name; null means the number itself
     * @param thresholds overrides keyed as in YAML ({@link ThresholdKey#key()}); null means none
     * @throws IllegalArgumentException when the number is not digits (optionally after +), the
     *     department is blank, expected calls are negative, or a threshold key is unknown, its
     *     value of the wrong kind, or a resolve level above its firing level
     */
    public Line(String number, String departmentId, String name, ServiceHours hours,
                OptionalDouble expectedCallsPerHour, Map<String, Double> thresholds) {
        String numberProblem = problemWithNumber(number);
        if (numberProblem != null) {
            throw new IllegalArgumentException(numberProblem);
        }
        if (departmentId == null || departmentId.isBlank()) {
            throw new IllegalArgumentException("line " + number + " has no department");
        }
        Objects.requireNonNull(hours, "hours");
        double expected = expectedCallsPerHour == null || expectedCallsPerHour.isEmpty()
                ? Double.NaN : expectedCallsPerHour.getAsDouble();
        if (!Double.isNaN(expected) && !(expected >= 0 && Double.isFinite(expected))) {
            throw new IllegalArgumentException("line " + number + ": expected_calls_per_hour " + expected
                    + " must be zero or more");
        }
        LinkedHashMap<String, Double> copy = new LinkedHashMap<>(thresholds == null ? Map.of() : thresholds);
        String thresholdProblem = problemWithThresholds(copy);
        if (thresholdProblem != null) {
            throw new IllegalArgumentException("line " + number + ": " + thresholdProblem);
        }
        this.number = number;
        this.departmentId = departmentId;
        this.name = name == null || name.isBlank() ? number : name;
        this.hours = hours;
        this.expectedCallsPerHour = expected;
        this.thresholds = copy;
    }

    /** The dialled public number, the key of CDRs ({@code line}) and of line metrics. */
    public String number() {
        return number;
    }

    /** The id of the department that answers this line. */
    public String departmentId() {
        return departmentId;
    }

    /** The line's name for people (the number when the directory gives none). */
    public String name() {
        return name;
    }

    /** When the line is staffed in a normal week. */
    public ServiceHours hours() {
        return hours;
    }

    /** The baseline for SILENT, when the directory gives one. */
    public OptionalDouble expectedCallsPerHour() {
        return Double.isNaN(expectedCallsPerHour) ? OptionalDouble.empty() : OptionalDouble.of(expectedCallsPerHour);
    }

    /** Per-line threshold overrides, keys as written in YAML (e.g. {@code constant_busy_share -> 0.8}). */
    public Map<String, Double> thresholds() {
        return Collections.unmodifiableMap(thresholds);
    }

    /** The line's override of one threshold, if it has one. */
    public OptionalDouble threshold(ThresholdKey key) {
        Double value = thresholds.get(key.key());
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** Null when {@code number} is a valid line number, else what is wrong with it. */
    static String problemWithNumber(String number) {
        if (number == null || number.isEmpty()) {
            return "number is missing";
        }
        if (!NUMBER.matcher(number).matches()) {
            return "number \"" + number + "\" must be digits only, optionally after a +";
        }
        return null;
    }

    /** Null when every key is a known threshold with a valid value and no resolve level is above its firing level. */
    static String problemWithThresholds(Map<String, Double> thresholds) {
        for (Map.Entry<String, Double> e : thresholds.entrySet()) {
            String problem = problemWithThreshold(e.getKey(), e.getValue());
            if (problem != null) {
                return problem;
            }
        }
        String problem = problemWithResolveLevel(thresholds, ThresholdKey.CONSTANT_BUSY_RESOLVE_SHARE, ThresholdKey.CONSTANT_BUSY_SHARE);
        return problem != null ? problem
                : problemWithResolveLevel(thresholds, ThresholdKey.HIGH_ABANDONMENT_RESOLVE_RATE, ThresholdKey.HIGH_ABANDONMENT_RATE);
    }

    static String problemWithThreshold(String key, Double value) {
        ThresholdKey known = ThresholdKey.ofKey(key);
        if (known == null) {
            return "unknown threshold \"" + key + "\"";
        }
        if (value == null || !known.accepts(value)) {
            return "threshold " + key + " " + formatValue(value) + " must be " + known.kind().description();
        }
        return null;
    }

    /** A resolve level above the firing level would resolve an alert in the very state that fired it. */
    static String problemWithResolveLevel(Map<String, Double> thresholds, ThresholdKey resolve, ThresholdKey fire) {
        Double resolveAt = thresholds.get(resolve.key());
        Double fireAt = thresholds.get(fire.key());
        if (resolveAt != null && fireAt != null && resolveAt > fireAt) {
            return "threshold " + resolve.key() + " " + formatValue(resolveAt) + " must not be above "
                    + fire.key() + " " + formatValue(fireAt);
        }
        return null;
    }

    static String formatValue(Double value) {
        if (value == null) {
            return "(empty)";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString(value.longValue());
        }
        return value.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Line other
                && number.equals(other.number)
                && departmentId.equals(other.departmentId)
                && name.equals(other.name)
                && hours.equals(other.hours)
                && Double.compare(expectedCallsPerHour, other.expectedCallsPerHour) == 0
                && thresholds.equals(other.thresholds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(number, departmentId, name, hours, expectedCallsPerHour, thresholds);
    }

    @Override
    public String toString() {
        return "Line[" + number + " " + name + ", department=" + departmentId + ", hours=" + hours.text()
                + (Double.isNaN(expectedCallsPerHour) ? "" : ", expected_calls_per_hour=" + formatValue(expectedCallsPerHour))
                + (thresholds.isEmpty() ? "" : ", thresholds=" + thresholds) + "]";
    }
}
