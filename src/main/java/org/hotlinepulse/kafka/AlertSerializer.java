package org.hotlinepulse.kafka;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.hotlinepulse.alerts.AlertBytes;
import org.hotlinepulse.avro.Alert;

import java.nio.charset.StandardCharsets;

/**
 * An alert state change as a {@code hotline.alerts} message: key the episode id (UTF-8), so both
 * changes of one episode land in one partition in order; value the Avro single-object encoding
 * ({@link Alert#toByteBuffer()}), which carries the schema fingerprint for readers.
 */
public class AlertSerializer implements KafkaRecordSerializationSchema<Alert> {
    private final String topic;

    public AlertSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Alert alert, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, alert.getId().getBytes(StandardCharsets.UTF_8), AlertBytes.encode(alert));
    }
}
