package org.hotlinepulse.live;

import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the state a new {@code run} resumes from: the newest complete checkpoint
 * ({@code CHECKPOINT_DIR/<job id>/chk-N/_metadata}, across the folders of every earlier job) or
 * savepoint ({@code SAVEPOINT_DIR/<name>/_metadata}). "Newest" is the latest modification time of
 * {@code _metadata}, the file Flink writes last, when the checkpoint or savepoint is complete; a
 * folder without it is an unfinished checkpoint and never chosen. Works on any Flink file system.
 */
public final class RetainedState {
    private static final String METADATA = "_metadata";
    private static final Pattern CHECKPOINT = Pattern.compile("chk-\\d+");

    /** A complete checkpoint or savepoint: where it is, what it is, when it completed. */
    public record Snapshot(String path, Kind kind, long completedAtMs) {
        public enum Kind { CHECKPOINT, SAVEPOINT }

        @Override
        public String toString() {
            return kind.name().toLowerCase() + " " + path;
        }
    }

    private RetainedState() {}

    /**
     * The newest complete checkpoint under {@code checkpointDir} or savepoint under
     * {@code savepointDir} (either may be null or not exist yet), or empty when there is none.
     */
    public static Optional<Snapshot> newest(String checkpointDir, String savepointDir) throws IOException {
        List<Snapshot> found = new ArrayList<>();
        if (checkpointDir != null) {
            for (FileStatus job : subfolders(new Path(checkpointDir))) {
                for (FileStatus checkpoint : subfolders(job.getPath())) {
                    if (CHECKPOINT.matcher(checkpoint.getPath().getName()).matches()) {
                        complete(checkpoint.getPath(), Snapshot.Kind.CHECKPOINT).ifPresent(found::add);
                    }
                }
            }
        }
        if (savepointDir != null) {
            for (FileStatus savepoint : subfolders(new Path(savepointDir))) {
                complete(savepoint.getPath(), Snapshot.Kind.SAVEPOINT).ifPresent(found::add);
            }
        }
        return found.stream().max(Comparator.comparingLong(Snapshot::completedAtMs)
                .thenComparing(Snapshot::path));
    }

    /** Whether {@code path} is a complete checkpoint or savepoint: a folder holding {@code _metadata}, or that file. */
    public static boolean isComplete(String path) throws IOException {
        Path given = new Path(path);
        if (given.getName().equals(METADATA)) {
            return given.getFileSystem().exists(given);
        }
        Path metadata = new Path(given, METADATA);
        return metadata.getFileSystem().exists(metadata);
    }

    private static Optional<Snapshot> complete(Path folder, Snapshot.Kind kind) throws IOException {
        Path metadata = new Path(folder, METADATA);
        FileSystem fs = metadata.getFileSystem();
        if (!fs.exists(metadata)) {
            return Optional.empty();
        }
        return Optional.of(new Snapshot(folder.toString(), kind, fs.getFileStatus(metadata).getModificationTime()));
    }

    private static List<FileStatus> subfolders(Path folder) throws IOException {
        FileSystem fs = folder.getFileSystem();
        if (!fs.exists(folder)) {
            return List.of();
        }
        FileStatus[] entries = fs.listStatus(folder);
        if (entries == null) {
            return List.of();
        }
        return List.of(entries).stream().filter(FileStatus::isDir).toList();
    }
}
