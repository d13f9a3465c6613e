package org.hotlinepulse.kafka;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.cdr.CallerHashes;
import org.hotlinepulse.cdr.CdrWireFormat;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.cdr.PhoneNumbers;
import org.hotlinepulse.cdr.ValidatedInput;

import java.util.Base64;

/**
 * Turns each message of the CDR topic into an {@link InputRecord}: a valid CDR, or a rejection
 * with its reason and its bytes (as they arrived, or without what may be a raw caller number).
 * Never throws on input, so a bad message cannot stop the job. Position is the message's offset; origin is topic-partition.
 */
public class CdrDeserializer implements KafkaRecordDeserializationSchema<InputRecord> {

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> message, Collector<InputRecord> out) {
        String origin = message.topic() + "-" + message.partition();
        Cdr cdr;
        try {
            cdr = CdrWireFormat.decode(message.value());
        } catch (CdrWireFormat.InvalidMessageException e) {
            // Bytes that are not a CDR may still hold a caller number: it must not reach the dead letter.
            byte[] masked = message.value() == null ? null : PhoneNumbers.maskAscii(message.value());
            InputRecord record = InputRecord.rejected(origin, message.offset(), e.getMessage(), undecodable(masked));
            record.payload = masked;
            out.collect(record);
            return;
        }
        boolean rawCaller = cdr.getCallerHash() != null && !CallerHashes.isPseudonym(cdr.getCallerHash());
        InputRecord record = ValidatedInput.of(InputRecord.parsed(origin, message.offset(), cdr));
        if (record.isRejected()) {
            if (rawCaller) {
                cdr.setCallerHash(null);
            }
            record.payload = rawCaller ? CdrWireFormat.encode(cdr) : message.value();
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
