package org.hotlinepulse.ingest;

import java.io.Closeable;
import java.io.IOException;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.cdr.DeadLetter;

/** Where ingest puts what it read: valid CDRs and rejected records. */
public interface IngestOutput extends Closeable {

    /** Sends a valid CDR; it may be buffered until {@link #flush()}. */
    void publish(Cdr cdr) throws IOException;

    /** Sends a rejected record (its record already free of raw caller numbers). */
    void reject(DeadLetter letter) throws IOException;

    /** Returns once everything sent so far is safely stored (Kafka acknowledged it); throws if any of it failed. */
    void flush() throws IOException;

    /**
     * Stores everything sent since the last commit together with {@code positions} (where a restart resumes), all or
     * nothing; returns once it is stored.
     */
    void commit(byte[] positions) throws IOException;
}
