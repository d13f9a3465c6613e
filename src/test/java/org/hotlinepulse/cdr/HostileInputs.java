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

    /** A fixed sync marker, so that the same call gives the same bytes (the committed fuzz seeds). */
    private static final byte[] SYNC = "hotline-pulse-12".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

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

    /** An Avro container file of cdr.avsc, assembled block by block, with blocks whose headers may lie. */
    public static AvroFile avroFile() {
        return new AvroFile();
    }

    /** An Avro container file: the header of cdr.avsc, then one block per group of records, as written. */
    public static byte[] avroFile(List<List<Cdr>> blocks) {
        AvroFile file = avroFile();
        blocks.forEach(file::block);
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

    /** An Avro container file of another schema with these records (maybe none). */
    public static byte[] avroFileOfSchema(Schema schema, GenericRecord... records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
            writer.create(schema, out, SYNC);
            for (GenericRecord record : records) {
                writer.append(record);
            }
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

    /** A wire file: each message after its length as a 4-byte big-endian int (docs/cdr-formats.md). */
    public static byte[] wireFile(byte[]... messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] message : messages) {
            out.writeBytes(wireLength(message.length));
            out.writeBytes(message);
        }
        return out.toByteArray();
    }

    /** The parts one after another. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** The 4-byte big-endian length prefix of a wire file's record. */
    public static byte[] wireLength(long length) {
        return new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
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

    /** Blocks appended one by one after Avro's own header (and so its sync marker) for cdr.avsc. */
    public static final class AvroFile {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final byte[] sync;

        private AvroFile() {
            Schema schema = Cdr.getClassSchema();
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            try (DataFileWriter<Object> writer = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
                writer.create(schema, header, SYNC);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            byte[] bytes = header.toByteArray();
            sync = Arrays.copyOfRange(bytes, bytes.length - 16, bytes.length);
            out.write(bytes, 0, bytes.length);
        }

        /** An honest block of these records. */
        public AvroFile block(List<Cdr> cdrs) {
            return rawBlock(cdrs.size(), encode(cdrs));
        }

        /** A block of these records whose header declares {@code declaredCount} of them. */
        public AvroFile blockDeclaringCount(List<Cdr> cdrs, long declaredCount) {
            return rawBlock(declaredCount, encode(cdrs));
        }

        /** A block header declaring {@code declaredSize} bytes, followed by three records and a sync marker. */
        public AvroFile blockDeclaringSize(long declaredSize) {
            byte[] data = encode(cdrs("tail", 3));
            writeLong(out, 3);
            writeLong(out, declaredSize);
            out.write(data, 0, data.length);
            out.write(sync, 0, sync.length);
            return this;
        }

        /** An honest block of three records, the first of which declares a call_id of {@code declaredLength}. */
        public AvroFile blockWithStringDeclaring(long declaredLength) {
            byte[] message = messageDeclaringString(declaredLength);
            return rawBlock(3, Arrays.copyOfRange(message, 10, message.length));
        }

        private AvroFile rawBlock(long count, byte[] data) {
            writeLong(out, count);
            writeLong(out, data.length);
            out.write(data, 0, data.length);
            out.write(sync, 0, sync.length);
            return this;
        }

        public byte[] bytes() {
            return out.toByteArray();
        }
    }
}
