package org.hotlinepulse.cdr.asterisk;

import java.util.List;

/**
 * Where reading a followed Asterisk file resumes after a restart: the byte offset and the number of lines before it,
 * and, for Master.csv, the calls whose records after that offset were still held back (not yet published).
 */
public record ResumePoint(long offset, long lines, List<String> heldBack) {

    public ResumePoint {
        heldBack = List.copyOf(heldBack);
    }
}
