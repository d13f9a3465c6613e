package org.hotlinepulse.cdr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.hotlinepulse.avro.Cdr;

/**
 * Inputs that crashed or killed the decoders before issue 12 (poison Kafka messages, Avro files whose block
 * headers lie, a file of another schema), built byte by byte so that tests and the committed fuzz corpus
 * ({@code *FuzzTestInputs}) say exactly what they contain.
 */
public final class HostileInputs {

    /** 2^31 - 9: the longest string Avro 1.11 agrees to allocate (about 2 GB: OutOfMemoryError). */
    public static final long AVRO_MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** 2^31 - 1: Avro 1.11 throws UnsupportedOperationException, which the old decoder let through. */
    public static final long INT_MAX = Integer.MAX_VALUE;
    /** 2^40 records declared by a block of a few hundred bytes. */
    public static final long LYING_COUNT = 1L << 40;
    /** 2^31 - 9 bytes declared by a block in a file of a few kilobytes. */
    public static final long LYING_SIZE = AVRO_MAX_ARRAY;

    private HostileInputs() {}

    /** Valid CDRs with distinct call ids, one a second from T0. */
    public static List<Cdr> cdrs(String prefix, int n) {
        List<Cdr> list = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            list.add(CdrFixtures.cdr().callId(prefix + i).start(CdrFixtures.T0.plusSeconds(i))
                    .answerAfter(Duration.ofSeconds(5)).endAfter(Duration.ofSeconds(60)).build());
        }
        return list;
    }

    /**
     * A single-object message of the current schema whose first field, call_id, declares a string of
     * {@code declaredLength} bytes, followed by a few bytes only.
     */
    public static byte[] messageDeclaringString(long declaredLength) {
        byte[] valid = CdrWireFormat.encode(cdrs("m", 1).get(0));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(valid, 0, 10);
        writeLong(out, declaredLength);
        out.write(valid, 10, 3);
        return out.toByteArray();
    }

    /** An Avro container file: the header of cdr.avsc, then one block per group of records, as written. */
    public static byte[] avroFile(List<List<Cdr>> blocks) {
        ContainerBytes file = new ContainerBytes(Cdr.getClassSchema());
        blocks.forEach(block -> file.block(block.size(), encode(block)));
        return file.bytes();
    }

    /**
     * Good blocks, then a block whose header declares {@code declaredCount} records in the bytes of
     * {@code lyingBlock}, then more good blocks (not read: a lying block ends the file's reading).
     */
    public static byte[] avroFileWithLyingCount(List<List<Cdr>> before, List<Cdr> lyingBlock, long declaredCount,
                                                List<List<Cdr>> after) {
        ContainerBytes file = new ContainerBytes(Cdr.getClassSchema());
        before.forEach(block -> file.block(block.size(), encode(block)));
        file.block(declaredCount, encode(lyingBlock));
        after.forEach(block -> file.block(block.size(), encode(block)));
        return file.bytes();
    }

    /** Good blocks, then a block header declaring {@code declaredSize} bytes, then the few bytes actually there. */
    public static byte[] avroFileWithLyingSize(List<List<Cdr>> before, long declaredSize) {
        ContainerBytes file = new ContainerBytes(Cdr.getClassSchema());
        before.forEach(block -> file.block(block.size(), encode(block)));
        byte[] tail = encode(cdrs("tail", 3));
        file.rawBlockHeader(3, declaredSize);
        file.out.write(tail, 0, tail.length);
        file.sync();
        return file.bytes();
    }

    /**
     * Good blocks, then a block of three records whose first declares a call_id of {@code declaredLength} bytes
     * (the block's framing is honest), then good blocks.
     */
    public static byte[] avroFileWithRecordDeclaringString(List<List<Cdr>> before, long declaredLength,
                                                           List<List<Cdr>> after) {
        ContainerBytes file = new ContainerBytes(Cdr.getClassSchema());
        before.forEach(block -> file.block(block.size(), encode(block)));
        byte[] message = messageDeclaringString(declaredLength);
        file.block(3, Arrays.copyOfRange(message, 10, message.length));
        after.forEach(block -> file.block(block.size(), encode(block)));
        return file.bytes();
    }

    /** A container file whose header's avro.schema entry declares {@code declaredLength} bytes. */
    public static byte[] avroFileWithLyingHeader(long declaredLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('O');
        out.write('b');
        out.write('j');
        out.write(1);
        writeLong(out, 1);
        byte[] key = "avro.schema".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        writeLong(out, key.length);
        out.write(key, 0, key.length);
        writeLong(out, declaredLength);
        out.write('{');
        return out.toByteArray();
    }

    /** An Avro container file of another schema: one record of {@code schema} with every field at its default. */
    public static byte[] avroFileOfSchema(Schema schema, GenericRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
            writer.create(schema, out);
            writer.append(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A file of an unrelated schema (a temperature reading), as `replay --format avro` might be given. */
    public static byte[] avroFileOfUnrelatedSchema() {
        Schema reading = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Reading\",\"fields\":["
                + "{\"name\":\"sensor\",\"type\":\"string\"},{\"name\":\"celsius\",\"type\":\"double\"}]}");
        GenericRecord record = new GenericData.Record(reading);
        record.put("sensor", "boiler-1");
        record.put("celsius", 71.5);
        return avroFileOfSchema(reading, record);
    }

    static byte[] encode(List<Cdr> cdrs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        SpecificDatumWriter<Cdr> writer = new SpecificDatumWriter<>(Cdr.class);
        try {
            for (Cdr cdr : cdrs) {
                writer.write(cdr, encoder);
            }
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeLong(ByteArrayOutputStream out, long value) {
        long n = (value << 1) ^ (value >> 63);
        while ((n & ~0x7FL) != 0) {
            out.write((int) ((n & 0x7F) | 0x80));
            n >>>= 7;
        }
        out.write((int) n);
    }

    /** A container file assembled block by block, with Avro's own header (so its sync marker) for the schema. */
    private static final class ContainerBytes {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final byte[] sync;

        ContainerBytes(Schema schema) {
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            try (DataFileWriter<Object> writer = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
                writer.create(schema, header);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            byte[] bytes = header.toByteArray();
            sync = Arrays.copyOfRange(bytes, bytes.length - 16, bytes.length);
            out.write(bytes, 0, bytes.length);
        }

        void block(long count, byte[] data) {
            rawBlockHeader(count, data.length);
            out.write(data, 0, data.length);
            sync();
        }

        void rawBlockHeader(long count, long size) {
            writeLong(out, count);
            writeLong(out, size);
        }

        void sync() {
            out.write(sync, 0, sync.length);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
