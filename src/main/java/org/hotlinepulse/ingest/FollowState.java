package org.hotlinepulse.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The resume positions of followed files and the number of the commit that wrote them. The same JSON document is
 * committed to Kafka in the transaction of the records it follows and then written to a small state file, replaced
 * atomically (a temporary file renamed over the old one) so that a crash leaves the old or the new state, never a torn
 * one; at start the newer of the two wins (docs/ingest.md). It holds paths, identities, offsets and Asterisk call ids:
 * nothing of a caller.
 */
public final class FollowState {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The document: commit number and positions by absolute path. */
    record Document(long commit, TreeMap<String, FilePosition> files) {
        Document {
            files = files == null ? new TreeMap<>() : files;
        }
    }

    private final Path file;
    private long commit;
    private final TreeMap<String, FilePosition> positions;

    private FollowState(Path file, Document document) {
        this.file = file;
        this.commit = document.commit();
        this.positions = document.files();
    }

    /** The state in the file, or an empty state when the file does not exist yet. */
    public static FollowState load(Path file) throws IOException {
        try {
            return new FollowState(file, parse(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return new FollowState(file, new Document(0, null));
        } catch (IOException e) {
            throw new IOException(file + ": not a state file of ingest --follow (" + e.getMessage()
                    + "); move it away to start reading the files from their beginning", e);
        }
    }

    /**
     * The state of the file, or the committed document when that is newer (ingest was stopped after Kafka committed a
     * piece and before the file was written).
     *
     * @param committed the document last committed to Kafka, or null
     */
    public FollowState newerOf(byte[] committed) throws IOException {
        if (committed == null) {
            return this;
        }
        Document document;
        try {
            document = parse(committed);
        } catch (IOException e) {
            throw new IOException("the positions committed to Kafka for " + file + " cannot be read ("
                    + e.getMessage() + ")", e);
        }
        return document.commit() > commit ? new FollowState(file, document) : this;
    }

    private static Document parse(byte[] json) throws IOException {
        return MAPPER.readValue(json, Document.class);
    }

    /** The position of a followed path, or null when it was never read. */
    public FilePosition get(Path path) {
        return positions.get(key(path));
    }

    /** Records new positions under the next commit number and returns the document to commit. */
    byte[] next(Map<Path, FilePosition> changed) throws IOException {
        changed.forEach((path, position) -> positions.put(key(path), position));
        commit++;
        return MAPPER.writeValueAsBytes(new Document(commit, positions));
    }

    /** Writes the document of the last {@link #next} to the state file. */
    void save(byte[] document) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temp, document);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String key(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }
}
