package org.hotlinepulse.simulate;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What to simulate: seed, time range, arrival rate, probe cadence and faults.
 *
 * @param duration calls start in [from, from + duration); null for no end (live mode)
 * @param callsPerHour mean citizen calls per hour per line while the line is in service; null
 *     to use each line's {@code expected_calls_per_hour}, or {@link #DEFAULT_CALLS_PER_HOUR}
 *     for lines without one
 * @param probeEvery one probe call per line this often; null for no probes
 */
public record SimulationSettings(long seed, Instant from, Duration duration, Double callsPerHour,
                                 Duration probeEvery, List<Fault> faults) implements Serializable {
    /** Calls per hour per line in service hours when neither the line nor the settings say. */
    public static final double DEFAULT_CALLS_PER_HOUR = 10;

    /** Share of the in-hours rate that still calls while a line is closed. */
    public static final double CLOSED_HOURS_SHARE = 0.1;

    public SimulationSettings {
        Objects.requireNonNull(from, "from");
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration must be positive");
        }
        if (callsPerHour != null && !(callsPerHour >= 0 && Double.isFinite(callsPerHour))) {
            throw new IllegalArgumentException("calls per hour must be zero or more");
        }
        if (probeEvery != null && (probeEvery.isNegative() || probeEvery.isZero())) {
            throw new IllegalArgumentException("probe interval must be positive");
        }
        faults = List.copyOf(faults);
    }

    /** Healthy traffic at a fixed rate on every line, no probes, no faults. */
    public static SimulationSettings healthy(long seed, Instant from, Duration duration, double callsPerHour) {
        return new SimulationSettings(seed, from, duration, callsPerHour, null, List.of());
    }
}
