package org.hotlinepulse.kafka;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.hotlinepulse.cdr.DeadLetter;

import java.nio.charset.StandardCharsets;

/**
 * A rejected or late record as a dead-letter message: the record's bytes as they arrived (or
 * its JSON form when it came from a file), with headers {@code reason}, {@code source} and
 * {@code position} saying where it came from and why it is here.
 */
public class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
    private final String topic;

    public DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context,
                                                    Long timestamp) {
        byte[] value = letter.payload != null ? letter.payload
                : letter.record == null ? null : letter.record.getBytes(StandardCharsets.UTF_8);
        ProducerRecord<byte[], byte[]> message = new ProducerRecord<>(topic, null, value);
        message.headers().add(new RecordHeader("reason", utf8(letter.reason)));
        message.headers().add(new RecordHeader("source", utf8(letter.source)));
        message.headers().add(new RecordHeader("position", utf8(Long.toString(letter.lineNo))));
        return message;
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
