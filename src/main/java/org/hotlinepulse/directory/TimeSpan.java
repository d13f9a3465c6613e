package org.hotlinepulse.directory;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open period of time [from, to), such as one stretch of a line's service hours. */
public record TimeSpan(Instant from, Instant to) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** @throws IllegalArgumentException when {@code to} is before {@code from} */
    public TimeSpan {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("time span ends at " + to + " before it starts at " + from);
        }
    }

    /** The length of the span. */
    public Duration duration() {
        return Duration.between(from, to);
    }

    /** Whether {@code t} lies in [from, to). */
    public boolean contains(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }
}
