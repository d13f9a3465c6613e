package org.hotlinepulse.kafka;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hotlinepulse.cdr.CdrWireFormat;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.cdr.ValidatedInput;

import java.util.Base64;

/**
 * Turns each message of the CDR topic into an {@link InputRecord}: a valid CDR, or a rejection
 * with its reason and the original bytes. Never throws on input, so a bad message cannot stop
 * the job. Position is the message's offset; origin is topic-partition.
 */
public class CdrDeserializer implements KafkaRecordDeserializationSchema<InputRecord> {

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> message, Collector<InputRecord> out) {
        String origin = message.topic() + "-" + message.partition();
        InputRecord record;
        try {
            record = ValidatedInput.of(
                    InputRecord.parsed(origin, message.offset(), CdrWireFormat.decode(message.value())));
        } catch (CdrWireFormat.InvalidMessageException e) {
            record = InputRecord.rejected(origin, message.offset(), e.getMessage(),
                    undecodable(message.value()));
        }
        if (record.isRejected()) {
            record.payload = message.value();
        }
        out.collect(record);
    }

    /**
     * Bytes that could not be decoded travel as base64 in the JSON form of the dead letter; an
     * oversized message only as its original bytes (the payload), not copied once more.
     */
    private static String undecodable(byte[] value) {
        return value == null || value.length > CdrWireFormat.MAX_MESSAGE_BYTES ? "null"
                : "\"base64:" + Base64.getEncoder().encodeToString(value) + "\"";
    }

    @Override
    public TypeInformation<InputRecord> getProducedType() {
        return TypeInformation.of(InputRecord.class);
    }
}
