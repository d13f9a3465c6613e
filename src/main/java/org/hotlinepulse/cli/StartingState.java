package org.hotlinepulse.cli;

import org.hotlinepulse.live.RetainedState;

import java.io.IOException;
import java.util.Optional;

/**
 * The state {@code run} starts from, decided from its flags and what it finds. In order:
 * {@code --from-savepoint PATH}; {@code --fresh-state} (empty state, on purpose); the newest
 * retained checkpoint or savepoint; empty state on a first start. Empty state over a consumer
 * group that already has committed offsets is refused unless asked for: it would count from
 * those offsets with nothing of what came before, overwriting complete rows with partial counts
 * and paging again for episodes already paged.
 *
 * @param restoreFrom the checkpoint or savepoint to resume from, null for empty state
 * @param description one line for stderr saying which it is and why
 */
record StartingState(String restoreFrom, String description) {

    /** Whether the consumer group has committed offsets on the CDR topic (asked only when needed). */
    interface OffsetsCheck {
        boolean committedOffsetsExist() throws IOException;
    }

    /**
     * @param fromSavepoint {@code --from-savepoint}, or null
     * @param freshState {@code --fresh-state}
     * @param retained the newest retained checkpoint or savepoint, see {@link RetainedState#newest}
     * @param where the checkpoint and savepoint folders, for the messages
     * @param group the consumer group and topic, for the messages
     * @throws UsageError when the flags contradict each other or empty state would be a surprise
     */
    static StartingState choose(String fromSavepoint, boolean freshState,
                                Optional<RetainedState.Snapshot> retained, String where, String group,
                                OffsetsCheck offsets) throws UsageError, IOException {
        if (fromSavepoint != null && freshState) {
            throw new UsageError("--from-savepoint and --fresh-state exclude each other: give one of them");
        }
        if (fromSavepoint != null) {
            if (!RetainedState.isComplete(fromSavepoint)) {
                throw new UsageError("--from-savepoint " + fromSavepoint
                        + ": not a complete savepoint or checkpoint (no _metadata file there)");
            }
            return new StartingState(fromSavepoint, "resuming from savepoint " + fromSavepoint
                    + " (--from-savepoint)");
        }
        if (freshState) {
            return new StartingState(null, "starting with empty state (--fresh-state)"
                    + retained.map(r -> ", not from the retained " + r).orElse("")
                    + ", reading CDRs from the committed offsets of " + group + " (the earliest where none)");
        }
        if (retained.isPresent()) {
            return new StartingState(retained.get().path(), "resuming from the newest retained "
                    + retained.get() + " (--fresh-state to start with empty state instead)");
        }
        if (offsets.committedOffsetsExist()) {
            throw new UsageError("no checkpoint or savepoint in " + where + ", but " + group
                    + " has committed offsets: starting with empty state would overwrite complete rows"
                    + " with partial counts and page again; give --from-savepoint PATH, or --fresh-state"
                    + " to start with empty state on purpose");
        }
        return new StartingState(null, "starting with empty state: first start (no checkpoint or"
                + " savepoint in " + where + ", no committed offsets of " + group + ")");
    }
}
