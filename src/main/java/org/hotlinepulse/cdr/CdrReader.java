package org.hotlinepulse.cdr;

import java.io.Closeable;
import java.io.IOException;

/**
 * Reads one input (a file) record by record, turning each into an {@link InputRecord}: a valid canonical CDR with
 * caller numbers already pseudonymised, or a rejection with its reason. Not thread-safe.
 */
public interface CdrReader extends Closeable {

    /**
     * The next record, or null at the end of the input. Bad records come back as rejections; an IOException means
     * the input itself could not be read.
     */
    InputRecord next() throws IOException;
}
