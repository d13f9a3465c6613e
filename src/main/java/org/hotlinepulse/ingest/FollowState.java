package org.hotlinepulse.ingest;

import com.fasterxml.jackson.core.type.TypeReference;
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
 * The read positions of followed files, kept in a small JSON file that is replaced atomically (written to a
 * temporary file, then renamed over the old one), so that a crash leaves either the old or the new state, never a
 * torn one. It holds paths, identities and offsets only: nothing read from the files.
 */
public final class FollowState {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Path file;
    private final Map<String, FilePosition> positions;

    private FollowState(Path file, Map<String, FilePosition> positions) {
        this.file = file;
        this.positions = positions;
    }

    /** The state in the file, or an empty state when the file does not exist yet. */
    public static FollowState load(Path file) throws IOException {
        try {
            Map<String, FilePosition> read = MAPPER.readValue(Files.readAllBytes(file),
                    new TypeReference<TreeMap<String, FilePosition>>() {});
            return new FollowState(file, read);
        } catch (NoSuchFileException e) {
            return new FollowState(file, new TreeMap<>());
        } catch (IOException e) {
            throw new IOException(file + ": not a state file of ingest --follow (" + e.getMessage()
                    + "); move it away to start reading the files from their beginning", e);
        }
    }

    /** The position of a followed path, or null when it was never read. */
    public FilePosition get(Path path) {
        return positions.get(key(path));
    }

    /** Records a new position and writes the state file. */
    void put(Path path, FilePosition position) throws IOException {
        positions.put(key(path), position);
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temp, MAPPER.writeValueAsBytes(positions));
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
