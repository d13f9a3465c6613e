package org.hotlinepulse.cdr;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads a wire file (docs/cdr-formats.md): CDR messages exactly as a {@code hotline.cdr} message value holds them
 * (Avro single-object encoding), each preceded by its length as a 4-byte big-endian int. Each message is read
 * through {@link WireInput}, with the run's key for caller numbers that are not pseudonyms. A length above
 * {@link CdrWireFormat#MAX_MESSAGE_BYTES} or a file that ends inside a record leaves nothing to frame the rest by:
 * that record is one rejection and the rest of the file is not read. Memory is bounded by one message.
 */
public final class WireFileCdrReader implements CdrReader {
    /** The length prefix of every message: a big-endian int, as {@link java.io.DataOutputStream#writeInt} writes. */
    public static final int LENGTH_BYTES = 4;

    private final InputStream in;
    private final String origin;
    private final WireInput wire;
    private final byte[] lengthBytes = new byte[LENGTH_BYTES];
    private long position;
    private boolean finished;

    /** Opens a file; records are named by the file name. */
    public WireFileCdrReader(Path file, CallerPseudonymiser pseudonymiser) throws IOException {
        this(Files.newInputStream(file), file.getFileName().toString(), pseudonymiser);
    }

    /** Reads a stream (closed with this reader); records are named by origin. */
    public WireFileCdrReader(InputStream in, String origin, CallerPseudonymiser pseudonymiser) {
        this.in = new BufferedInputStream(Objects.requireNonNull(in, "in"), 1 << 16);
        this.origin = Objects.requireNonNull(origin, "origin");
        this.wire = WireInput.hashingRawCallers(pseudonymiser);
    }

    @Override
    public InputRecord next() throws IOException {
        if (finished) {
            return null;
        }
        int lengthRead = in.readNBytes(lengthBytes, 0, LENGTH_BYTES);
        if (lengthRead == 0) {
            finished = true;
            return null;
        }
        long record = ++position;
        if (lengthRead < LENGTH_BYTES) {
            return unframed(record, "the file ends inside the " + LENGTH_BYTES + "-byte length of record " + record);
        }
        long length = Integer.toUnsignedLong((lengthBytes[0] & 0xff) << 24 | (lengthBytes[1] & 0xff) << 16
                | (lengthBytes[2] & 0xff) << 8 | lengthBytes[3] & 0xff);
        if (length > CdrWireFormat.MAX_MESSAGE_BYTES) {
            return unframed(record, "record " + record + " declares " + length + " bytes, more than a message may have ("
                    + CdrWireFormat.MAX_MESSAGE_BYTES + " bytes, 64 KiB)");
        }
        byte[] message = in.readNBytes((int) length);
        if (message.length < length) {
            return unframed(record, "record " + record + " declares " + length + " bytes, but the file ends after "
                    + message.length);
        }
        return wire.read(origin, record, message);
    }

    /** A record whose framing is broken: nothing after it can be found, so the reader ends here. */
    private InputRecord unframed(long record, String why) {
        finished = true;
        return InputRecord.rejected(origin, record, "wire file " + origin + " is broken: " + why
                + "; the rest of the file is not read", "null");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
