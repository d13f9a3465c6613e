package org.hotlinepulse.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Where a restart of {@code ingest --follow} resumes a file: the file's identity (device and inode, so that a rotated
 * file is told from its successor of the same name), the byte offset to read from and how many lines lie before it
 * (for the line numbers of rejections). A reader that holds records back (Asterisk calls waiting for their other legs)
 * resumes before them: {@code readTo} is then how far the file had been read, and {@code pending} the calls whose
 * records between the two offsets were still held back; everything else there was already published.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record FilePosition(String identity, long offset, long lines, long readTo, List<String> pending) {

    public FilePosition {
        readTo = Math.max(readTo, offset);
        pending = pending == null ? List.of() : List.copyOf(pending);
    }

    /** A position with nothing held back. */
    public FilePosition(String identity, long offset, long lines) {
        this(identity, offset, lines, offset, List.of());
    }

    /** The start of a file. */
    static FilePosition start(String identity) {
        return new FilePosition(identity, 0, 0);
    }
}
