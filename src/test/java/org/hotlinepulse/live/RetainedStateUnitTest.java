package org.hotlinepulse.live;

import org.hotlinepulse.live.RetainedState.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.assertj.core.api.Assertions.assertThat;

class RetainedStateUnitTest {
    @TempDir
    Path dir;

    private Path metadata(String folder, long modifiedAtMs) throws Exception {
        Path complete = Files.createDirectories(dir.resolve(folder));
        Path metadata = Files.writeString(complete.resolve("_metadata"), "x");
        Files.setLastModifiedTime(metadata, FileTime.fromMillis(modifiedAtMs));
        return complete;
    }

    private String uri(String folder) {
        return dir.resolve(folder).toUri().toString();
    }

    @Test
    void nothingWhenTheFoldersAreMissingOrHoldNoCompleteCheckpoint() throws Exception {
        assertThat(RetainedState.newest(uri("checkpoints"), uri("savepoints"))).isEmpty();
        Files.createDirectories(dir.resolve("checkpoints/0123abcd/chk-7"));
        Files.createDirectories(dir.resolve("checkpoints/0123abcd/shared"));
        assertThat(RetainedState.newest(uri("checkpoints"), null)).isEmpty();
    }

    @Test
    void theNewestCompleteCheckpointAcrossTheFoldersOfEveryEarlierJob() throws Exception {
        metadata("checkpoints/job-a/chk-40", 1_000);
        Path newest = metadata("checkpoints/job-b/chk-3", 3_000);
        metadata("checkpoints/job-c/chk-90", 2_000);
        Files.createDirectories(dir.resolve("checkpoints/job-b/chk-4"));
        metadata("checkpoints/job-b/taskowned", 9_000);

        Snapshot found = RetainedState.newest(uri("checkpoints"), uri("savepoints")).orElseThrow();

        assertThat(found.kind()).isEqualTo(Snapshot.Kind.CHECKPOINT);
        assertThat(Path.of(java.net.URI.create(found.path()))).isEqualTo(newest);
        assertThat(found.completedAtMs()).isEqualTo(3_000);
    }

    @Test
    void aSavepointNewerThanEveryCheckpointWinsAndAnOlderOneDoesNot() throws Exception {
        metadata("checkpoints/job-a/chk-5", 2_000);
        metadata("savepoints/savepoint-1a2b3c-0f0f0f0f", 1_000);
        assertThat(RetainedState.newest(uri("checkpoints"), uri("savepoints")).orElseThrow().kind())
                .isEqualTo(Snapshot.Kind.CHECKPOINT);

        Path savepoint = metadata("savepoints/savepoint-1a2b3c-1e1e1e1e", 4_000);
        Snapshot found = RetainedState.newest(uri("checkpoints"), uri("savepoints")).orElseThrow();
        assertThat(found.kind()).isEqualTo(Snapshot.Kind.SAVEPOINT);
        assertThat(Path.of(java.net.URI.create(found.path()))).isEqualTo(savepoint);
    }

    @Test
    void aGivenPathIsCompleteWhenItIsOrHoldsAMetadataFile() throws Exception {
        Path savepoint = metadata("savepoints/savepoint-1a2b3c-0f0f0f0f", 1_000);
        assertThat(RetainedState.isComplete(savepoint.toString())).isTrue();
        assertThat(RetainedState.isComplete(savepoint.toUri().toString())).isTrue();
        assertThat(RetainedState.isComplete(savepoint.resolve("_metadata").toString())).isTrue();
        assertThat(RetainedState.isComplete(Files.createDirectories(dir.resolve("chk-9")).toString())).isFalse();
        assertThat(RetainedState.isComplete(dir.resolve("nowhere").toString())).isFalse();
    }
}
