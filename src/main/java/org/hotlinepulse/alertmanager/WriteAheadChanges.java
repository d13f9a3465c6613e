package org.hotlinepulse.alertmanager;

import org.hotlinepulse.avro.Alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Alert state changes held back until the checkpoint that holds them has completed. A change
 * delivered earlier could be emitted again by the job after a restore from an older checkpoint
 * (the input is replayed from there) and page a second time; a change of a completed checkpoint is
 * never replayed. Not thread-safe: one caller drives it.
 */
public final class WriteAheadChanges {
    private final List<Alert> sinceLastCheckpoint = new ArrayList<>();
    private final NavigableMap<Long, List<Alert>> byCheckpoint = new TreeMap<>();

    /** Holds a change back until a checkpoint taken after it completes. */
    public void add(Alert change) {
        sinceLastCheckpoint.add(change);
    }

    /** Checkpoint {@code checkpointId} is being taken: the changes received so far belong to it. */
    public void seal(long checkpointId) {
        if (!sinceLastCheckpoint.isEmpty()) {
            byCheckpoint.put(checkpointId, List.copyOf(sinceLastCheckpoint));
            sinceLastCheckpoint.clear();
        }
    }

    /**
     * Checkpoint {@code checkpointId} has completed: returns, in the order received, and forgets
     * the changes it holds, with those of earlier checkpoints whose completion was never reported.
     */
    public List<Alert> release(long checkpointId) {
        Map<Long, List<Alert>> completed = byCheckpoint.headMap(checkpointId, true);
        List<Alert> released = new ArrayList<>();
        completed.values().forEach(released::addAll);
        completed.clear();
        return released;
    }

    /** The changes of checkpoints taken but not reported complete, in the order received: what a checkpoint must hold. */
    public List<Alert> sealed() {
        List<Alert> sealed = new ArrayList<>();
        byCheckpoint.values().forEach(sealed::addAll);
        return sealed;
    }
}
