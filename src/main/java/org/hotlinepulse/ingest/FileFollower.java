package org.hotlinepulse.ingest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * Follows one file a PBX keeps appending to (docs/ingest.md): reads only complete lines, so a line still being
 * written (or cut by a writer killed mid-line) waits for its line break; notices rotation by rename (the name now
 * has another identity: the old file is finished first, found in the same folder by its identity) and by copy and
 * truncate (the file is shorter than the position: read again from its start); publishes each piece, waits for
 * Kafka's acknowledgement, and only then records the new position in the state file.
 */
final class FileFollower {

    /** The most read at once; a line longer than this (and than the readers' own limits) is rejected. */
    static final int CHUNK_BYTES = 4 << 20;

    private final Path path;
    private final ChunkSink sink;
    private final FollowState state;
    private final PrintStream errors;
    private FilePosition position;

    /** Parses and publishes one piece of complete lines, returning once Kafka acknowledged all of it. */
    interface ChunkSink {
        void publish(byte[] completeLines, String origin, long linesBefore) throws IOException;
    }

    FileFollower(Path path, FollowState state, ChunkSink sink, PrintStream errors) {
        this.path = path;
        this.state = state;
        this.sink = sink;
        this.errors = errors;
        this.position = state.get(path);
    }

    /** Reads and publishes what was appended since the last call; true when anything was read. */
    boolean poll() throws IOException {
        String identity = identity(path);
        if (identity == null) {
            return false;
        }
        if (position == null) {
            position = FilePosition.start(identity);
        } else if (!identity.equals(position.identity())) {
            boolean progress = finishRotated();
            position = FilePosition.start(identity);
            save();
            return readFrom(path, false) || progress;
        } else if (Files.size(path) < position.offset()) {
            errors.println(path + ": shorter than the " + position.offset() + " bytes already read (copied and"
                    + " truncated by log rotation?): reading it again from its start");
            position = FilePosition.start(identity);
            save();
        }
        return readFrom(path, false);
    }

    /** The rest of the file that had this name before a rotation by rename, if it can still be found. */
    private boolean finishRotated() throws IOException {
        Path rotated = findByIdentity(position.identity());
        if (rotated == null) {
            errors.println(path + ": was replaced and the file read so far is gone from " + parent()
                    + "; whatever it held after byte " + position.offset() + " is not read");
            return false;
        }
        // A rotated file gets no more lines: its unterminated last line, if any, is read as it is.
        return readFrom(rotated, true);
    }

    private boolean readFrom(Path file, boolean finished) throws IOException {
        boolean progress = false;
        while (true) {
            byte[] chunk = completeLines(file, finished);
            if (chunk == null) {
                return progress;
            }
            progress = true;
            long lines = position.lines();
            sink.publish(chunk, file.getFileName().toString(), lines);
            long newlines = 0;
            for (byte b : chunk) {
                if (b == '\n') {
                    newlines++;
                }
            }
            position = new FilePosition(position.identity(), position.offset() + chunk.length, lines + newlines);
            save();
        }
    }

    /** The complete lines from the position on (at most {@link #CHUNK_BYTES}), or null when there are none. */
    private byte[] completeLines(Path file, boolean finished) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long available = channel.size() - position.offset();
            if (available <= 0) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(available, CHUNK_BYTES));
            while (buffer.hasRemaining() && channel.read(buffer, position.offset() + buffer.position()) > 0) {
                // read until full or at the end
            }
            byte[] bytes = buffer.array();
            int length = buffer.position();
            int end = length;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--;
            }
            if (end == 0) {
                // No line break: a line still being written, unless the file is finished or the line is too long.
                end = finished || length == CHUNK_BYTES ? length : 0;
            }
            if (end == 0) {
                return null;
            }
            byte[] chunk = new byte[end];
            System.arraycopy(bytes, 0, chunk, 0, end);
            return chunk;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private Path findByIdentity(String identity) throws IOException {
        try (Stream<Path> siblings = Files.list(parent())) {
            return siblings.filter(Files::isRegularFile).filter(p -> identity.equals(identityOrNull(p)))
                    .findFirst().orElse(null);
        }
    }

    private Path parent() {
        Path parent = path.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    private void save() throws IOException {
        state.put(path, position);
    }

    /** Device and inode as the platform reports them ({@code fileKey}), or null when the file is missing. */
    static String identity(Path file) throws IOException {
        try {
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            return key == null ? "size-only" : key.toString();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static String identityOrNull(Path file) {
        try {
            return identity(file);
        } catch (IOException e) {
            return null;
        }
    }
}
