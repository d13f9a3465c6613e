package org.hotlinepulse.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.cdr.CdrFixtures;
import org.hotlinepulse.cdr.CdrWireFormat;
import org.hotlinepulse.cdr.DeadLetter;
import org.hotlinepulse.cdr.HostileInputs;
import org.hotlinepulse.cdr.InputRecord;
import org.junit.jupiter.api.Test;

/**
 * A poison message becomes one dead letter with its reason and bytes; the job goes on. No dead
 * letter carries a raw caller number.
 */
class CdrDeserializerUnitTest {

    private static final String NUMBER = "13800001234";

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
        assertThat(record.payload).isEqualTo(big);
    }

    @Test
    void aGoodMessageIsAValidCdr() {
        InputRecord record = deserialize(CdrWireFormat.encode(HostileInputs.cdrs("k", 1).get(0)), 1);
        assertThat(record.isRejected()).isFalse();
        assertThat(record.cdr.getCallId()).isEqualTo("k1");
    }

    /** Everything of a rejection that can reach the dead-letter topic, as text. */
    private static String deadLetterText(InputRecord r) {
        DeadLetter letter = new DeadLetter(r.origin, r.position, r.rejectReason, r.rawRecord, r.payload);
        return letter.toJsonLine() + new String(letter.payload, StandardCharsets.ISO_8859_1);
    }

    @Test
    void aRawNumberInCallerHashIsRejectedAndLeftOutOfTheDeadLetter() throws Exception {
        for (String raw : new String[] {NUMBER, "tel:" + NUMBER, "+86 138 0000 1234 (mobile)"}) {
            Cdr cdr = CdrFixtures.cdr().callerHash(raw).buildUnchecked();
            InputRecord r = deserialize(CdrWireFormat.encode(cdr), 1);
            assertThat(r.rejectReason).as(raw).startsWith("field caller_hash is not a pseudonym");
            assertThat(deadLetterText(r)).as(raw).doesNotContain(NUMBER).doesNotContain("0000 1234");
            // The rest of the record is kept: it decodes, without a caller.
            Cdr kept = CdrWireFormat.decode(r.payload);
            assertThat(kept.getCallerHash()).isNull();
            assertThat(kept.getCallId()).isEqualTo(cdr.getCallId());
        }
    }

    @Test
    void anInvalidCdrWithAPseudonymKeepsItsBytesAsTheyArrived() {
        byte[] bytes = CdrWireFormat.encode(CdrFixtures.cdr().callerHash("ab".repeat(32)).satisfaction(9)
                .buildUnchecked());
        InputRecord r = deserialize(bytes, 1);
        assertThat(r.rejectReason).isEqualTo("field satisfaction 9 is not between 1 and 5");
        assertThat(r.payload).isEqualTo(bytes);
    }

    @Test
    void undecodableBytesHaveAnyNumberInThemMasked() {
        byte[] bytes = ("{\"caller\":\"" + NUMBER + "\",\"call_id\":\"c-1\"}").getBytes(StandardCharsets.UTF_8);
        InputRecord r = deserialize(bytes, 1);
        assertThat(r.rejectReason).startsWith("not an Avro single-object message");
        assertThat(r.payload).hasSameSizeAs(bytes);
        assertThat(deadLetterText(r)).doesNotContain(NUMBER).contains("c-1");
        String base64 = r.rawRecord.substring("\"base64:".length(), r.rawRecord.length() - 1);
        assertThat(new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8))
                .isEqualTo("{\"caller\":\"***********\",\"call_id\":\"c-1\"}");
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
