package org.hotlinepulse.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hotlinepulse.cdr.CdrWireFormat;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.cdr.PhoneNumbers;

/**
 * Coverage-guided fuzzing of the CDR topic's deserializer (single-object Avro decoding and validation): every
 * message becomes exactly one record, a valid CDR or a rejection with a reason; nothing is thrown. In the normal
 * suite a regression run over {@code CdrDeserializerFuzzTestInputs}; a campaign with JAZZER_FUZZ=1
 * (docs/fuzzing.md).
 */
class CdrDeserializerFuzzTest {

    private final CdrDeserializer deserializer = new CdrDeserializer();

    @FuzzTest(maxDuration = "3m")
    void deserialize(byte[] message) {
        List<InputRecord> out = new ArrayList<>(1);
        deserializer.deserialize(new ConsumerRecord<>("hotline.cdr", 0, 1, null, message), new Collector<>() {
            @Override
            public void collect(InputRecord record) {
                out.add(record);
            }

            @Override
            public void close() {}
        });
        assertThat(out).hasSize(1);
        InputRecord record = out.get(0);
        if (record.isRejected()) {
            assertThat(record.rejectReason).isNotBlank();
            // The bytes as they arrived, or without what may be a raw caller number (never a new one).
            assertThat(record.payload).satisfiesAnyOf(
                    payload -> assertThat(payload).isSameAs(message),
                    payload -> assertThat(payload).isEqualTo(PhoneNumbers.maskAscii(message)),
                    payload -> assertThat(CdrWireFormat.decode(payload).getCallerHash()).isNull());
        } else {
            assertThat(record.cdr.getOutcome()).as("validated, outcome derived").isNotNull();
        }
    }
}
