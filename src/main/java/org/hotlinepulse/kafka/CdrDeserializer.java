package org.hotlinepulse.kafka;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.cdr.WireInput;

/**
 * Turns each message of the CDR topic into an {@link InputRecord} through {@link WireInput}: a valid CDR, or a
 * rejection with its reason and its bytes (as they arrived, or without what may be a raw caller number). Never
 * throws on input, so a bad message cannot stop the job. Position is the message's offset; origin is topic-partition.
 */
public class CdrDeserializer implements KafkaRecordDeserializationSchema<InputRecord> {
    private static final WireInput WIRE = WireInput.rejectingRawCallers();

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> message, Collector<InputRecord> out) {
        out.collect(WIRE.read(message.topic() + "-" + message.partition(), message.offset(), message.value()));
    }

    @Override
    public TypeInformation<InputRecord> getProducedType() {
        return TypeInformation.of(InputRecord.class);
    }
}
