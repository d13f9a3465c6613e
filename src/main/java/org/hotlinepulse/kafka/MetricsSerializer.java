package org.hotlinepulse.kafka;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.hotlinepulse.avro.LineMetrics;
import org.hotlinepulse.metrics.Counts;
import org.hotlinepulse.metrics.Rates;
import org.hotlinepulse.metrics.WindowMetrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A metrics row as a {@code hotline.metrics} message: Avro single-object {@link LineMetrics},
 * keyed by scope|key|window_start|window_minutes so that a compacted topic keeps the final value.
 */
public class MetricsSerializer implements KafkaRecordSerializationSchema<WindowMetrics> {
    private final String topic;

    public MetricsSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(WindowMetrics row, KafkaSinkContext context,
                                                    Long timestamp) {
        return new ProducerRecord<>(topic, row.rowKey().getBytes(StandardCharsets.UTF_8),
                bytes(toAvro(row)));
    }

    public static LineMetrics toAvro(WindowMetrics row) {
        Rates r = row.rates();
        LineMetrics metrics = new LineMetrics();
        metrics.setScope(row.scope);
        metrics.setKey(row.key);
        metrics.setDepartment(row.department);
        metrics.setWindowStart(Instant.ofEpochMilli(row.windowStart));
        metrics.setWindowMinutes(row.windowMinutes);
        // The schema names each count as Counts.COLUMNS does.
        for (int column = 0; column < Counts.COLUMNS.size(); column++) {
            metrics.put(Counts.COLUMNS.get(column), row.counts.column(column));
        }
        metrics.setConnectionRate(r.connectionRate().value());
        metrics.setAnswerRate(r.answerRate().value());
        metrics.setAbandonmentRate(r.abandonmentRate().value());
        metrics.setServiceLevel(r.serviceLevel().value());
        metrics.setAsaSeconds(r.asaSeconds().value());
        return metrics;
    }

    private static byte[] bytes(LineMetrics metrics) {
        try {
            ByteBuffer buffer = metrics.toByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
