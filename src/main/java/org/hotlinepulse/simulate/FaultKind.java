package org.hotlinepulse.simulate;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The failures the simulator can inject into a line or a feed, by the name an operator types in a fault spec. */
public enum FaultKind {
    /** Every attempt fails before reaching the hotline: FAILED, Q.850 27, 1 or 38. */
    OUT_OF_SERVICE("out-of-service", true, true),
    /** Every attempt hears a busy tone: BUSY, Q.850 17. */
    BUSY("busy", true, true),
    /** Calls reach a voice menu that drops them: NO_ANSWER with ivr, released by the hotline. */
    IVR_DEAD_END("ivr-dead-end", true, false),
    /** No citizen call reaches the line at all (the monitoring's probes still do). */
    SILENT("silent", true, false),
    /** Most connected callers give up after waiting in the queue: ABANDONED with long waits. */
    HIGH_ABANDONMENT("high-abandonment", true, false),
    /** Normal traffic to a number that is not in the directory. */
    UNREGISTERED("unregistered", true, false),
    /** Probe calls to the line fail (FAILED, Q.850 41); citizens' calls are untouched. */
    PROBE_FAILED("probe-failed", false, true),
    /**
     * The CDR export of a department's PBX (feed {@code pbx-<department id>}) dies: no CDR of its
     * lines, citizens' or probes', is delivered. Its target is a department id, not a number.
     */
    FEED_DOWN("feed-down", true, true);

    private final String specName;
    private final boolean affectsCitizens;
    private final boolean affectsProbes;

    FaultKind(String specName, boolean affectsCitizens, boolean affectsProbes) {
        this.specName = specName;
        this.affectsCitizens = affectsCitizens;
        this.affectsProbes = affectsProbes;
    }

    /** Whether citizens' calls to the line change while the fault lasts. */
    boolean affectsCitizens() {
        return affectsCitizens;
    }

    /**
     * Whether probe calls change: only faults that keep calls from connecting do, since a probe
     * hangs up in the voice menu and checks nothing beyond it.
     */
    boolean affectsProbes() {
        return affectsProbes;
    }

    /** The name in fault specs, e.g. {@code out-of-service}. */
    public String specName() {
        return specName;
    }

    /** The kind with this spec name, or null. */
    static FaultKind bySpecName(String name) {
        for (FaultKind kind : values()) {
            if (kind.specName.equals(name)) {
                return kind;
            }
        }
        return null;
    }

    static String allSpecNames() {
        return Arrays.stream(values()).map(FaultKind::specName).collect(Collectors.joining(", "));
    }
}
