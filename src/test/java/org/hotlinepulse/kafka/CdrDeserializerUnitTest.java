package org.hotlinepulse.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hotlinepulse.cdr.CdrWireFormat;
import org.hotlinepulse.cdr.HostileInputs;
import org.hotlinepulse.cdr.InputRecord;
import org.junit.jupiter.api.Test;

/** A poison message becomes one dead letter with its reason and bytes; the job goes on. */
class CdrDeserializerUnitTest {

    @Test
    void aPoisonMessageIsRejectedWithItsReasonAndOriginalBytes() {
        byte[] poison = HostileInputs.messageDeclaringString(HostileInputs.AVRO_MAX_ARRAY);
        InputRecord record = deserialize(poison, 41);
        assertThat(record.isRejected()).isTrue();
        assertThat(record.origin).isEqualTo("hotline.cdr-0");
        assertThat(record.position).isEqualTo(41);
        assertThat(record.rejectReason).contains("string needs 2147483639 bytes, but only 3 are left");
        assertThat(record.payload).isEqualTo(poison);
        assertThat(record.rawRecord).startsWith("\"base64:");
    }

    @Test
    void anOversizedMessageIsRejectedWithoutACopyInItsJsonForm() {
        byte[] big = new byte[CdrWireFormat.MAX_MESSAGE_BYTES + 1];
        InputRecord record = deserialize(big, 7);
        assertThat(record.rejectReason).contains("larger than 65536 bytes");
        assertThat(record.rawRecord).isEqualTo("null");
        assertThat(record.payload).isSameAs(big);
    }

    @Test
    void aGoodMessageIsAValidCdr() {
        InputRecord record = deserialize(CdrWireFormat.encode(HostileInputs.cdrs("k", 1).get(0)), 1);
        assertThat(record.isRejected()).isFalse();
        assertThat(record.cdr.getCallId()).isEqualTo("k1");
    }

    private static InputRecord deserialize(byte[] value, long offset) {
        List<InputRecord> out = new ArrayList<>();
        new CdrDeserializer().deserialize(new ConsumerRecord<>("hotline.cdr", 0, offset, null, value),
                new Collector<>() {
                    @Override
                    public void collect(InputRecord record) {
                        out.add(record);
                    }

                    @Override
                    public void close() {}
                });
        assertThat(out).hasSize(1);
        return out.get(0);
    }
}
