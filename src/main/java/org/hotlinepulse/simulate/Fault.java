package org.hotlinepulse.simulate;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One injected failure: what goes wrong, where, from onset (inclusive) to repair (exclusive; null
 * when it lasts to the end of the simulation).
 *
 * @param target the dialled number, or for {@link FaultKind#FEED_DOWN} the department id whose
 *     PBX feed dies
 * @param spec the text the fault was written as, used to name it in summaries
 */
public record Fault(FaultKind kind, String target, Instant onset, Instant repair, String spec) implements Serializable {
    public Fault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(onset, "onset");
        if (repair != null && !repair.isAfter(onset)) {
            throw new IllegalArgumentException("repair " + repair + " is not after onset " + onset);
        }
    }

    /** Whether the fault is in effect at event time {@code t}. */
    public boolean activeAt(long epochMillis) {
        return epochMillis >= onset.toEpochMilli() && (repair == null || epochMillis < repair.toEpochMilli());
    }
}
