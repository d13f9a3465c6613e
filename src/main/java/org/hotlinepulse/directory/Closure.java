package org.hotlinepulse.directory;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A planned closure (line cut-over, maintenance) of some lines over [from, to): no alert is
 * raised for them meanwhile, and the time does not count against their availability.
 * {@code lines} is an immutable set without a defined iteration order.
 */
public record Closure(Set<String> lines, Instant from, Instant to, String reason) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** @throws IllegalArgumentException when no line is named or {@code to} is not after {@code from} */
    public Closure {
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("closure names no line");
        }
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("closure ends at " + to + ", not after it starts at " + from);
        }
        // Set.copyOf rather than an unmodifiable wrapper: Kryo, which Flink falls back to for
        // types it cannot analyse, rebuilds the JDK's immutable sets but not the wrappers.
        lines = Set.copyOf(lines);
    }

    /** Whether this closure covers {@code lineNumber} at {@code t}. */
    public boolean covers(String lineNumber, Instant t) {
        return lines.contains(lineNumber) && !t.isBefore(from) && t.isBefore(to);
    }

    /** The closed period as a time span. */
    public TimeSpan span() {
        return new TimeSpan(from, to);
    }
}
