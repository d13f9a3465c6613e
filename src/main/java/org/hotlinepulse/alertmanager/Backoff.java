package org.hotlinepulse.alertmanager;

import java.io.Serializable;
import java.time.Duration;

/** Capped exponential back-off: the pause after the n-th failure in a row is initial × 2ⁿ⁻¹, at most max. */
public record Backoff(Duration initial, Duration max) implements Serializable {

    /** The pause before trying again after {@code failures} (≥ 1) failures in a row. */
    public Duration after(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        Duration pause = initial.multipliedBy(1L << doublings);
        return pause.compareTo(max) > 0 ? max : pause;
    }
}
