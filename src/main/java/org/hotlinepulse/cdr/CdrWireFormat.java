package org.hotlinepulse.cdr;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.MissingSchemaException;
import org.hotlinepulse.avro.Cdr;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * CDRs on the wire: Avro single-object encoding (C3 01, the writer schema's CRC-64-AVRO
 * fingerprint, the binary body). The decoder knows every released version of the schema, so
 * producers may move to a new compatible version first.
 */
public final class CdrWireFormat {
    /** Released versions of {@code schemas/cdr.avsc}, oldest first, as kept in the jar. */
    static final List<String> RELEASED = List.of("/schemas/released/v1/cdr.avsc");

    private static final ThreadLocal<BinaryMessageDecoder<Cdr>> DECODER =
            ThreadLocal.withInitial(CdrWireFormat::newDecoder);

    private CdrWireFormat() {}

    private static BinaryMessageDecoder<Cdr> newDecoder() {
        BinaryMessageDecoder<Cdr> decoder = Cdr.createDecoder(null);
        for (String resource : RELEASED) {
            try (InputStream in = CdrWireFormat.class.getResourceAsStream(resource)) {
                decoder.addSchema(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
        }
        return decoder;
    }

    /** Decodes one message; the exception's message says what is wrong with the bytes. */
    public static Cdr decode(byte[] message) throws InvalidMessageException {
        if (message == null || message.length == 0) {
            throw new InvalidMessageException("empty message");
        }
        try {
            return DECODER.get().decode(message);
        } catch (BadHeaderException e) {
            throw new InvalidMessageException("not an Avro single-object message (no C3 01 header)");
        } catch (MissingSchemaException e) {
            throw new InvalidMessageException("written with an unknown schema: " + e.getMessage());
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
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
