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
 * Reads one file a PBX keeps appending to, a piece of complete lines at a time (docs/ingest.md): a line still being
 * written (or cut by a writer killed mid-line) waits for its line break; rotation by rename is noticed when the name
 * has another identity (the old file, found in the same folder by its identity, is finished first) and rotation by
 * copy and truncate when the file is shorter than the position (read again from its start). The position is kept in
 * memory; the caller commits it once what was read is safely in Kafka.
 */
final class FileFollower {

    /** The most read at once; a line longer than this (and than the readers' own limits) is rejected. */
    static final int CHUNK_BYTES = 4 << 20;

    private final Path path;
    private final PrintStream errors;
    private FilePosition position;
    /** A file renamed away by rotation whose rest is still to be read, or null. */
    private Path finishing;

    /** Receives what was read. */
    interface Pieces {
        /** Complete lines that start {@code offset} bytes and {@code linesBefore} lines into the file. */
        void lines(byte[] completeLines, String origin, long offset, long linesBefore) throws IOException;

        /** The file read so far is finished (rotated away or truncated): the next piece starts another file. */
        void fileEnded() throws IOException;
    }

    /** @param from where to resume, or null to start at the beginning of the file */
    FileFollower(Path path, FilePosition from, PrintStream errors) {
        this.path = path;
        this.errors = errors;
        this.position = from;
    }

    Path path() {
        return path;
    }

    /** The position after the last piece read; null until the file has been seen. */
    FilePosition position() {
        return position;
    }

    /** Reads the next piece, or notices a rotation; true when it did either, false when nothing is new. */
    boolean readPiece(Pieces pieces) throws IOException {
        if (finishing != null) {
            if (deliver(finishing, true, pieces)) {
                return true;
            }
            finishing = null;
            return startOver(pieces);
        }
        String identity = identity(path);
        if (identity == null) {
            return false;
        }
        if (position == null) {
            position = FilePosition.start(identity);
        } else if (!identity.equals(position.identity())) {
            finishing = findByIdentity(position.identity());
            if (finishing == null) {
                errors.println(path + ": was replaced and the file read so far is gone from " + parent()
                        + "; whatever it held after byte " + position.offset() + " is not read");
                return startOver(pieces);
            }
            return readPiece(pieces);
        } else if (Files.size(path) < position.offset()) {
            errors.println(path + ": shorter than the " + position.offset() + " bytes already read (copied and"
                    + " truncated by log rotation?): reading it again from its start");
            return startOver(pieces);
        }
        return deliver(path, false, pieces);
    }

    private boolean startOver(Pieces pieces) throws IOException {
        String identity = identity(path);
        position = identity == null ? null : FilePosition.start(identity);
        pieces.fileEnded();
        return true;
    }

    private boolean deliver(Path file, boolean finished, Pieces pieces) throws IOException {
        byte[] chunk = completeLines(file, finished);
        if (chunk == null) {
            return false;
        }
        pieces.lines(chunk, file.getFileName().toString(), position.offset(), position.lines());
        long newlines = 0;
        for (byte b : chunk) {
            if (b == '\n') {
                newlines++;
            }
        }
        position = new FilePosition(position.identity(), position.offset() + chunk.length,
                position.lines() + newlines);
        return true;
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
