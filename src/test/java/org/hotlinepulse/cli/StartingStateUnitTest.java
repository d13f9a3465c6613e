package org.hotlinepulse.cli;

import org.hotlinepulse.live.RetainedState.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartingStateUnitTest {
    static final String WHERE = "file:///cp and file:///cp/savepoints";
    static final String GROUP = "consumer group hotline-metrics on hotline.cdr";
    static final Optional<Snapshot> RETAINED =
            Optional.of(new Snapshot("file:///cp/4f2a/chk-12", Snapshot.Kind.CHECKPOINT, 1_000));
    static final StartingState.OffsetsCheck OFFSETS = () -> true;
    static final StartingState.OffsetsCheck NO_OFFSETS = () -> false;
    static final StartingState.OffsetsCheck NOT_ASKED = () -> {
        throw new AssertionError("Kafka asked although the answer does not matter");
    };

    @TempDir
    Path dir;

    @Test
    void theNewestRetainedStateIsResumedByDefault() throws Exception {
        StartingState start = StartingState.choose(null, false, RETAINED, WHERE, GROUP, NOT_ASKED);
        assertThat(start.restoreFrom()).isEqualTo("file:///cp/4f2a/chk-12");
        assertThat(start.description()).startsWith("resuming from the newest retained checkpoint file:///cp/4f2a/chk-12");
    }

    @Test
    void emptyStateOverCommittedOffsetsIsRefusedUnlessAskedFor() throws Exception {
        assertThatThrownBy(() -> StartingState.choose(null, false, Optional.empty(), WHERE, GROUP, OFFSETS))
                .isInstanceOf(UsageError.class)
                .hasMessageStartingWith("no checkpoint or savepoint in " + WHERE + ", but " + GROUP
                        + " has committed offsets")
                .hasMessageContaining("--fresh-state");

        StartingState fresh = StartingState.choose(null, true, RETAINED, WHERE, GROUP, NOT_ASKED);
        assertThat(fresh.restoreFrom()).isNull();
        assertThat(fresh.description()).startsWith("starting with empty state (--fresh-state), not from the "
                + "retained checkpoint file:///cp/4f2a/chk-12");
    }

    @Test
    void aFirstStartHasEmptyState() throws Exception {
        StartingState start = StartingState.choose(null, false, Optional.empty(), WHERE, GROUP, NO_OFFSETS);
        assertThat(start.restoreFrom()).isNull();
        assertThat(start.description()).startsWith("starting with empty state: first start");
    }

    @Test
    void aGivenSavepointWinsOverTheRetainedStateAndMustBeComplete() throws Exception {
        Path savepoint = Files.createDirectories(dir.resolve("savepoint-1"));
        assertThatThrownBy(() -> StartingState.choose(savepoint.toString(), false, RETAINED, WHERE, GROUP, NOT_ASKED))
                .isInstanceOf(UsageError.class)
                .hasMessage("--from-savepoint " + savepoint + ": not a complete savepoint or checkpoint (no _metadata file there)");

        Files.writeString(savepoint.resolve("_metadata"), "x");
        StartingState start = StartingState.choose(savepoint.toString(), false, RETAINED, WHERE, GROUP, NOT_ASKED);
        assertThat(start.restoreFrom()).isEqualTo(savepoint.toString());
        assertThat(start.description()).isEqualTo("resuming from savepoint " + savepoint + " (--from-savepoint)");

        assertThatThrownBy(() -> StartingState.choose(savepoint.toString(), true, RETAINED, WHERE, GROUP, NOT_ASKED))
                .isInstanceOf(UsageError.class).hasMessageContaining("exclude each other");
    }
}
