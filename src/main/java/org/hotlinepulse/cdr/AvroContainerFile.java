package org.hotlinepulse.cdr;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileConstants;

/**
 * The framing of an Avro object container file (header, then blocks of records separated by sync markers), read
 * without trusting what the file declares: every block's record count and size is checked against the bytes the
 * file still holds before anything is allocated, so a file of a few kilobytes cannot make the reader allocate
 * gigabytes or queue billions of rejections. Only the {@code null} and {@code deflate} codecs are read: both can be
 * bounded (other codecs' libraries allocate what the compressed data declares).
 */
final class AvroContainerFile implements AutoCloseable {

    /** A block larger than this is refused (Avro writers default to about 64 KB per block). */
    static final int MAX_BLOCK_BYTES = 64 << 20;
    /** The header (schema and metadata) must fit in this many bytes; a real one has a few kilobytes. */
    static final int MAX_HEADER_BYTES = 1 << 20;

    private static final int SYNC_SIZE = DataFileConstants.SYNC_SIZE;
    /** Two varint longs: a block's record count and byte size. */
    private static final int MAX_BLOCK_HEADER_BYTES = 20;

    private final FileChannel channel;
    private final long fileSize;
    private final Schema schema;
    private final boolean deflate;
    private final byte[] sync = new byte[SYNC_SIZE];

    private long position;
    private long blocksRead;

    /** One block's records, decompressed: {@code count} records in {@code bytes[0, length)}. */
    record Block(long number, long offset, long count, byte[] bytes, int length) {}

    /** The file's framing is broken from this point on; the message says where and why. */
    static final class CorruptFileException extends Exception {
        CorruptFileException(String message) {
            super(message);
        }
    }

    /**
     * Opens the file and reads its header.
     *
     * @throws IOException when the file cannot be read, or is not an Avro container file of a codec read here;
     *     the message names the file
     */
    AvroContainerFile(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            this.fileSize = channel.size();
            byte[] head = readAt(0, (int) Math.min(fileSize, MAX_HEADER_BYTES));
            BoundedAvroDecoder in = new BoundedAvroDecoder(head, 0, head.length);
            Header header = Header.read(in, file, fileSize > MAX_HEADER_BYTES);
            this.schema = header.schema;
            this.deflate = header.deflate;
            in.readFixed(sync, 0, SYNC_SIZE);
            this.position = head.length - in.remaining();
        } catch (IOException | RuntimeException e) {
            channel.close();
            if (e instanceof NotContainerFileException) {
                throw (IOException) e;
            }
            throw new NotContainerFileException(file, CdrRecordDecoder.describe(e));
        }
    }

    /** The writer schema declared in the header. */
    Schema schema() {
        return schema;
    }

    /** The next block, or null at the end of the file. */
    Block next() throws IOException, CorruptFileException {
        long left = fileSize - position;
        if (left == 0) {
            return null;
        }
        long number = ++blocksRead;
        long offset = position;
        byte[] head = readAt(offset, (int) Math.min(left, MAX_BLOCK_HEADER_BYTES));
        BoundedAvroDecoder in = new BoundedAvroDecoder(head, 0, head.length);
        long count;
        long size;
        try {
            count = in.readLong();
            size = in.readLong();
        } catch (IOException e) {
            throw corrupt(number, offset, "the file ends inside the block's header (truncated?)");
        }
        long dataStart = offset + head.length - in.remaining();
        long bytesLeft = fileSize - dataStart - SYNC_SIZE;
        if (count < 0 || size < 0) {
            throw corrupt(number, offset, "declares " + count + " records in " + size + " bytes");
        }
        if (size > bytesLeft) {
            throw corrupt(number, offset, "declares " + size + " bytes, but the file holds only "
                    + Math.max(bytesLeft, 0) + " more before its sync marker (truncated?)");
        }
        if (size > MAX_BLOCK_BYTES) {
            throw corrupt(number, offset, "declares " + size + " bytes, more than the " + MAX_BLOCK_BYTES
                    + " bytes a block may have here");
        }
        byte[] data = readAt(dataStart, (int) size);
        if (!Arrays.equals(readAt(dataStart + size, SYNC_SIZE), sync)) {
            throw corrupt(number, offset, "is not followed by the file's sync marker");
        }
        position = dataStart + size + SYNC_SIZE;
        Block block = deflate ? inflate(number, offset, count, data)
                : new Block(number, offset, count, data, data.length);
        // Every record of a CDR schema takes at least one byte: a larger count is a lie.
        if (count > block.length()) {
            throw corrupt(number, offset, "declares " + count + " records in " + block.length() + " bytes");
        }
        return block;
    }

    private static Block inflate(long number, long offset, long count, byte[] data) throws CorruptFileException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(data);
            byte[] out = new byte[Math.min(Math.max(data.length * 4, 1024), MAX_BLOCK_BYTES)];
            int length = 0;
            while (!inflater.finished()) {
                if (length == out.length) {
                    if (out.length == MAX_BLOCK_BYTES) {
                        throw corrupt(number, offset, "inflates to more than " + MAX_BLOCK_BYTES + " bytes");
                    }
                    out = Arrays.copyOf(out, (int) Math.min(2L * out.length, MAX_BLOCK_BYTES));
                }
                int n = inflater.inflate(out, length, out.length - length);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw corrupt(number, offset, "ends inside its deflate data");
                }
                length += n;
            }
            return new Block(number, offset, count, out, length);
        } catch (DataFormatException e) {
            throw corrupt(number, offset, "is not valid deflate data (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
    }

    private static CorruptFileException corrupt(long number, long offset, String why) {
        return new CorruptFileException("block " + number + " (at byte " + offset + ") " + why);
    }

    private byte[] readAt(long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new EOFException("the file ends at byte " + (offset + buffer.position()));
            }
        }
        return buffer.array();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** The metadata of the header that this reader needs. */
    private record Header(Schema schema, boolean deflate) {

        static Header read(BoundedAvroDecoder in, Path file, boolean cut) throws IOException {
            byte[] magic = new byte[DataFileConstants.MAGIC.length];
            in.readFixed(magic, 0, magic.length);
            if (!Arrays.equals(magic, DataFileConstants.MAGIC)) {
                throw new NotContainerFileException(file, "it does not start with Obj 01");
            }
            String schemaJson = null;
            String codec = "null";
            try {
                for (long n = in.readMapStart(); n != 0; n = in.mapNext()) {
                    for (long i = 0; i < n; i++) {
                        String key = in.readString();
                        byte[] value = bytes(in);
                        if (DataFileConstants.SCHEMA.equals(key)) {
                            schemaJson = new String(value, StandardCharsets.UTF_8);
                        } else if (DataFileConstants.CODEC.equals(key)) {
                            codec = new String(value, StandardCharsets.UTF_8);
                        }
                    }
                }
            } catch (EOFException e) {
                throw new NotContainerFileException(file, cut
                        ? "its header is larger than " + MAX_HEADER_BYTES + " bytes" : "its header is cut short");
            }
            if (schemaJson == null) {
                throw new NotContainerFileException(file, "its header has no avro.schema");
            }
            if (!codec.equals("null") && !codec.equals("deflate")) {
                throw new NotContainerFileException(file, "its codec " + codec
                        + " is not read here (only null and deflate)");
            }
            return new Header(new Schema.Parser().setValidateDefaults(false).parse(schemaJson),
                    codec.equals("deflate"));
        }

        private static byte[] bytes(BoundedAvroDecoder in) throws IOException {
            ByteBuffer value = in.readBytes(null);
            return Arrays.copyOf(value.array(), value.limit());
        }
    }

    /** The file is not an Avro container file this reader can read; the message names the file. */
    static final class NotContainerFileException extends IOException {
        NotContainerFileException(Path file, String why) {
            super(file + ": not an Avro object container file (" + why + ")");
        }
    }
}
