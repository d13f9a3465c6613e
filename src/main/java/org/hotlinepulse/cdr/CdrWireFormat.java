package org.hotlinepulse.cdr;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.hotlinepulse.avro.Cdr;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CDRs on the wire: Avro single-object encoding (C3 01, the writer schema's CRC-64-AVRO
 * fingerprint, the binary body). The decoder knows every released version of the schema, so
 * producers may move to a new compatible version first. Decoding never allocates beyond the
 * message (at most {@link #MAX_MESSAGE_BYTES}), and every failure is an
 * {@link InvalidMessageException} with a reason: a message cannot stop the job.
 */
public final class CdrWireFormat {
    /** Released versions of {@code schemas/cdr.avsc}, oldest first, as kept in the jar. */
    static final List<String> RELEASED = List.of("/schemas/released/v1/cdr.avsc");

    /** Contract §3: a CDR message is at most 64 KiB; a real one is about a hundred bytes. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private static final int HEADER_BYTES = 10;

    /** Avro's datum readers keep caches that are not thread-safe: one set per thread. */
    private static final ThreadLocal<Map<Long, CdrRecordDecoder>> DECODERS =
            ThreadLocal.withInitial(CdrWireFormat::decodersByFingerprint);

    private CdrWireFormat() {}

    private static Map<Long, CdrRecordDecoder> decodersByFingerprint() {
        Map<Long, CdrRecordDecoder> decoders = new HashMap<>();
        decoders.put(SchemaNormalization.parsingFingerprint64(Cdr.getClassSchema()),
                new CdrRecordDecoder(Cdr.getClassSchema()));
        for (String resource : RELEASED) {
            try (InputStream in = CdrWireFormat.class.getResourceAsStream(resource)) {
                Schema released = new Schema.Parser().parse(in);
                decoders.put(SchemaNormalization.parsingFingerprint64(released), new CdrRecordDecoder(released));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return decoders;
    }

    /**
     * Decodes one message; the exception's message says what is wrong with the bytes. The size
     * limit is checked first, so an oversized message is never decoded.
     */
    public static Cdr decode(byte[] message) throws InvalidMessageException {
        if (message == null || message.length == 0) {
            throw new InvalidMessageException("empty message");
        }
        if (message.length > MAX_MESSAGE_BYTES) {
            throw new InvalidMessageException("message of " + message.length + " bytes is larger than "
                    + MAX_MESSAGE_BYTES + " bytes (64 KiB); not decoded");
        }
        if (message.length < HEADER_BYTES || message[0] != (byte) 0xC3 || message[1] != (byte) 0x01) {
            throw new InvalidMessageException("not an Avro single-object message (no C3 01 header)");
        }
        long fingerprint = ByteBuffer.wrap(message, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        CdrRecordDecoder decoder = DECODERS.get().get(fingerprint);
        if (decoder == null) {
            throw new InvalidMessageException("written with an unknown schema: no version of cdr.avsc has"
                    + " the fingerprint " + Long.toHexString(fingerprint) + " of the message's header");
        }
        try {
            return decoder.decode(new BoundedAvroDecoder(message, HEADER_BYTES, message.length - HEADER_BYTES));
        } catch (CdrRecordDecoder.UndecodableException e) {
            throw new InvalidMessageException("not a CDR of a known schema version: " + e.getMessage());
        }
    }

    public static byte[] encode(Cdr cdr) {
        try {
            ByteBuffer buffer = cdr.toByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes that are not a CDR message, with the reason. */
    public static final class InvalidMessageException extends Exception {
        InvalidMessageException(String message) {
            super(message);
        }
    }
}
