package org.hotlinepulse.simulate;

import org.hotlinepulse.avro.Cdr;

import java.io.IOException;

/** Where simulated CDRs go, one at a time, in the order they are produced. */
public interface CdrOutput extends AutoCloseable {
    void write(Cdr cdr) throws IOException;

    /** Flushes everything written; throws when any record could not be delivered. */
    @Override
    void close() throws IOException;
}
