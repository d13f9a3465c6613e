package org.hotlinepulse.cdr;

import java.io.IOException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificDatumReader;
import org.hotlinepulse.avro.Cdr;

/**
 * Decodes one Avro-encoded CDR written with a given writer schema into the current {@link Cdr}, from untrusted
 * bytes: allocation is bounded by {@link BoundedAvroDecoder}, and whatever Avro throws on malformed bytes
 * (IOException, and RuntimeExceptions such as AvroTypeException, ArrayIndexOutOfBoundsException for a union or
 * enum index out of range, NegativeArraySizeException) becomes an {@link UndecodableException} with a reason.
 * Not thread-safe: Avro's datum reader keeps caches.
 */
final class CdrRecordDecoder {

    private final SpecificDatumReader<Cdr> reader;

    CdrRecordDecoder(Schema writer) {
        this.reader = new SpecificDatumReader<>(writer, Cdr.getClassSchema());
    }

    /** The next record of {@code in}. */
    Cdr decode(BoundedAvroDecoder in) throws UndecodableException {
        try {
            return reader.read(null, in);
        } catch (IOException | RuntimeException e) {
            throw new UndecodableException(describe(e));
        }
    }

    /** Avro's own words for what went wrong, without its wrapping exceptions. */
    static String describe(Throwable e) {
        Throwable cause = e;
        while (cause instanceof AvroRuntimeException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }

    /** Bytes that are not a record of the writer schema; the message says why. */
    static final class UndecodableException extends Exception {
        UndecodableException(String reason) {
            super(reason);
        }
    }
}
