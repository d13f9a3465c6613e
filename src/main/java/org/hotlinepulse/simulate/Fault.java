package org.hotlinepulse.simulate;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One injected failure: what goes wrong, on which dialled number, from onset (inclusive) to
 * repair (exclusive; null when it lasts to the end of the simulation).
 *
 * @param spec the text the fault was written as, used to name it in summaries
 */
public record Fault(FaultKind kind, String line, Instant onset, Instant repair, String spec) implements Serializable {
    public Fault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(onset, "onset");
        if (repair != null && !repair.isAfter(onset)) {
            throw new IllegalArgumentException("repair " + repair + " is not after onset " + onset);
        }
    }

    /** Whether the fault is in effect on its line at event time {@code t}. */
    public boolean activeAt(long epochMillis) {
        return epochMillis >= onset.toEpochMilli() && (repair == null || epochMillis < repair.toEpochMilli());
    }
}
