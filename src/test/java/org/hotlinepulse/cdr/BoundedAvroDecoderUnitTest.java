package org.hotlinepulse.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/**
 * The bounded decoder reads what Avro's BinaryDecoder reads, for every type (the CDR schema uses only some), and
 * refuses a declared length or item count beyond the bytes left.
 */
class BoundedAvroDecoderUnitTest {

    private static final Schema ALL_TYPES = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"All\",\"fields\":["
            + "{\"name\":\"n\",\"type\":\"null\"},{\"name\":\"b\",\"type\":\"boolean\"},"
            + "{\"name\":\"i\",\"type\":\"int\"},{\"name\":\"l\",\"type\":\"long\"},"
            + "{\"name\":\"f\",\"type\":\"float\"},{\"name\":\"d\",\"type\":\"double\"},"
            + "{\"name\":\"s\",\"type\":\"string\"},{\"name\":\"by\",\"type\":\"bytes\"},"
            + "{\"name\":\"fx\",\"type\":{\"type\":\"fixed\",\"name\":\"F\",\"size\":3}},"
            + "{\"name\":\"e\",\"type\":{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}},"
            + "{\"name\":\"a\",\"type\":{\"type\":\"array\",\"items\":\"string\"}},"
            + "{\"name\":\"m\",\"type\":{\"type\":\"map\",\"values\":\"long\"}},"
            + "{\"name\":\"u\",\"type\":[\"null\",\"string\"]}]}");

    @Test
    void readsEveryTypeAsAvroWroteIt() throws IOException {
        GenericRecord record = new GenericData.Record(ALL_TYPES);
        record.put("n", null);
        record.put("b", true);
        record.put("i", -123456);
        record.put("l", Long.MIN_VALUE);
        record.put("f", 1.5f);
        record.put("d", -2.25e300);
        record.put("s", "社保 hotline");
        record.put("by", ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
        record.put("fx", new GenericData.Fixed(ALL_TYPES.getField("fx").schema(), new byte[] {9, 8, 7}));
        record.put("e", new GenericData.EnumSymbol(ALL_TYPES.getField("e").schema(), "B"));
        record.put("a", List.of("x", "", "yz"));
        record.put("m", Map.of("kk", Long.MAX_VALUE)); // one entry: a map's order is not its contents
        record.put("u", "set");
        byte[] bytes = encode(record);

        GenericRecord read = new GenericDatumReader<GenericRecord>(ALL_TYPES)
                .read(null, new BoundedAvroDecoder(bytes, 0, bytes.length));
        assertThat(read).hasToString(record.toString());
    }

    @Test
    void aCollectionDeclaringMoreItemsThanBytesLeftIsRefusedBeforeAllocation() {
        Schema array = new Schema.Parser().parse("{\"type\":\"array\",\"items\":\"long\"}");
        byte[] bytes = {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F, 0x02}; // 2^31 - 1 items, then 1
        assertThatThrownBy(() -> new GenericDatumReader<>(array).read(null, new BoundedAvroDecoder(bytes, 0, 6)))
                .isInstanceOf(IOException.class)
                .hasMessage("array declares 2147483647 items, but only 1 bytes are left");
    }

    @Test
    void negativeLengthsAndOverlongVarintsAreRefused() {
        byte[] negative = {0x01}; // zig-zag -1
        assertThatThrownBy(() -> new BoundedAvroDecoder(negative, 0, 1).readString())
                .hasMessage("string declares a negative length -1");
        byte[] overlong = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01};
        assertThatThrownBy(() -> new BoundedAvroDecoder(overlong, 0, overlong.length).readInt())
                .hasMessage("invalid int encoding (more than 5 bytes)");
    }

    private static byte[] encode(GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
