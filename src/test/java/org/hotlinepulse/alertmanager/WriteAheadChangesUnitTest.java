package org.hotlinepulse.alertmanager;

import org.hotlinepulse.alerts.AlertFixtures;
import org.hotlinepulse.avro.Alert;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WriteAheadChangesUnitTest {
    private final Alert firing = AlertFixtures.firing("ep-1", "037167890001", "2026-10-12T02:00:00Z");
    private final Alert resolved = AlertFixtures.resolved(firing, "2026-10-12T02:30:00Z");
    private final Alert other = AlertFixtures.firing("ep-2", "037167890002", "2026-10-12T02:10:00Z");
    private final WriteAheadChanges changes = new WriteAheadChanges();

    @Test
    void nothingIsReleasedBeforeTheCheckpointAfterItCompletes() {
        changes.add(firing);
        assertThat(changes.release(1)).as("no checkpoint holds it yet").isEmpty();
        changes.seal(2);
        changes.add(resolved);
        assertThat(changes.release(1)).as("an earlier checkpoint").isEmpty();
        assertThat(changes.sealed()).containsExactly(firing);

        assertThat(changes.release(2)).containsExactly(firing);
        assertThat(changes.release(2)).isEmpty();
        assertThat(changes.sealed()).as("the RESOLVED came after checkpoint 2").isEmpty();
        changes.seal(3);
        assertThat(changes.release(3)).containsExactly(resolved);
    }

    @Test
    void aCompletionNeverReportedIsCoveredByTheNextOneAndAnAbortedCheckpointKeepsItsChanges() {
        changes.add(firing);
        changes.seal(1); // completes, but the notification is lost
        changes.add(other);
        changes.seal(2); // aborted
        changes.add(resolved);
        changes.seal(3);
        assertThat(changes.sealed()).as("what checkpoint 3 holds").containsExactly(firing, other, resolved);
        assertThat(changes.release(3)).containsExactly(firing, other, resolved);
        assertThat(changes.sealed()).isEmpty();
    }
}
