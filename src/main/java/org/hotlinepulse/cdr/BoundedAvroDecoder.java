package org.hotlinepulse.cdr;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * Avro binary decoding of bytes already in memory (one Kafka message, one container-file block) that never
 * allocates more than the bytes it reads: every declared string or bytes length and every declared item count of
 * an array or map is checked against the bytes left before anything is allocated (contract §3). Avro's own
 * {@code BinaryDecoder} allocates what a length declares first and fails afterwards, or depends on the global
 * {@code org.apache.avro.limits.*} system properties, which would have to be set in every JVM that decodes.
 *
 * <p>A decoding failure is an {@link IOException} whose message says what the bytes declared and what was left.
 */
public final class BoundedAvroDecoder extends Decoder {

    private final byte[] buf;
    private final int limit;
    private int pos;

    /** Decodes {@code buf[offset, offset + length)}; the array is not copied. */
    public BoundedAvroDecoder(byte[] buf, int offset, int length) {
        this.buf = Objects.requireNonNull(buf, "buf");
        Objects.checkFromIndexSize(offset, length, buf.length);
        this.pos = offset;
        this.limit = offset + length;
    }

    /** Bytes not yet read. */
    public int remaining() {
        return limit - pos;
    }

    @Override
    public void readNull() {}

    @Override
    public boolean readBoolean() throws IOException {
        require(1, "boolean");
        return buf[pos++] == 1;
    }

    @Override
    public int readInt() throws IOException {
        long zigZag = readVarint(5, "int");
        if (zigZag >>> 32 != 0) {
            throw new IOException("invalid int encoding (more than 32 bits)");
        }
        int n = (int) zigZag;
        return (n >>> 1) ^ -(n & 1);
    }

    @Override
    public long readLong() throws IOException {
        long n = readVarint(10, "long");
        return (n >>> 1) ^ -(n & 1);
    }

    private long readVarint(int maxBytes, String type) throws IOException {
        long value = 0;
        for (int i = 0; i < maxBytes; i++) {
            require(1, type);
            int b = buf[pos++] & 0xff;
            value |= (long) (b & 0x7f) << (7 * i);
            if (b < 0x80) {
                return value;
            }
        }
        throw new IOException("invalid " + type + " encoding (more than " + maxBytes + " bytes)");
    }

    @Override
    public float readFloat() throws IOException {
        return Float.intBitsToFloat((int) readLittleEndian(4, "float"));
    }

    @Override
    public double readDouble() throws IOException {
        return Double.longBitsToDouble(readLittleEndian(8, "double"));
    }

    private long readLittleEndian(int bytes, String type) throws IOException {
        require(bytes, type);
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value |= (long) (buf[pos++] & 0xff) << (8 * i);
        }
        return value;
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = declaredLength("string");
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        System.arraycopy(buf, pos, result.getBytes(), 0, length);
        pos += length;
        return result;
    }

    @Override
    public String readString() throws IOException {
        int length = declaredLength("string");
        String result = new String(buf, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return result;
    }

    @Override
    public void skipString() throws IOException {
        pos += declaredLength("string");
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = declaredLength("bytes");
        ByteBuffer result = old != null && old.capacity() >= length ? old.clear() : ByteBuffer.allocate(length);
        result.put(buf, pos, length).flip();
        pos += length;
        return result;
    }

    @Override
    public void skipBytes() throws IOException {
        pos += declaredLength("bytes");
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        require(length, "fixed");
        System.arraycopy(buf, pos, bytes, start, length);
        pos += length;
    }

    @Override
    public void skipFixed(int length) throws IOException {
        require(length, "fixed");
        pos += length;
    }

    @Override
    public int readEnum() throws IOException {
        return readInt();
    }

    @Override
    public long readArrayStart() throws IOException {
        return itemCount("array");
    }

    @Override
    public long arrayNext() throws IOException {
        return itemCount("array");
    }

    @Override
    public long skipArray() throws IOException {
        return skipSizedBlocks("array");
    }

    @Override
    public long readMapStart() throws IOException {
        return itemCount("map");
    }

    @Override
    public long mapNext() throws IOException {
        return itemCount("map");
    }

    @Override
    public long skipMap() throws IOException {
        return skipSizedBlocks("map");
    }

    @Override
    public int readIndex() throws IOException {
        return readInt();
    }

    /** A string or bytes length, checked before anything of that size is allocated. */
    private int declaredLength(String type) throws IOException {
        long length = readLong();
        if (length < 0) {
            throw new IOException(type + " declares a negative length " + length);
        }
        require(length, type);
        return (int) length;
    }

    /**
     * The item count of a collection block. Every item of the schemas read here takes at least one byte, so a count
     * above the bytes left is a lie, caught before a collection of that size is allocated.
     */
    private long itemCount(String type) throws IOException {
        long count = readLong();
        if (count < 0) {
            if (count == Long.MIN_VALUE) {
                throw new IOException(type + " declares an invalid item count " + count);
            }
            count = -count;
            readLong(); // the block's size in bytes, only needed to skip it
        }
        if (count > remaining()) {
            throw new IOException(type + " declares " + count + " items, but only " + remaining()
                    + " bytes are left");
        }
        return count;
    }

    /** Skips blocks that carry their byte size; returns the item count of the first block without one. */
    private long skipSizedBlocks(String type) throws IOException {
        while (true) {
            long count = readLong();
            if (count >= 0) {
                if (count > remaining()) {
                    throw new IOException(type + " declares " + count + " items, but only " + remaining()
                            + " bytes are left");
                }
                return count;
            }
            long size = readLong();
            if (size < 0) {
                throw new IOException(type + " block declares a negative size " + size);
            }
            require(size, type);
            pos += (int) size;
        }
    }

    private void require(long bytes, String type) throws IOException {
        if (bytes > remaining()) {
            throw new EOFException(type + " needs " + bytes + " bytes, but only " + remaining() + " are left");
        }
    }
}
