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
        Counts c = row.counts;
        Rates r = row.rates();
        return LineMetrics.newBuilder()
                .setScope(row.scope).setKey(row.key).setDepartment(row.department)
                .setWindowStart(Instant.ofEpochMilli(row.windowStart))
                .setWindowMinutes(row.windowMinutes)
                .setAttempts(c.attempts).setConnected(c.connected).setAnswered(c.answered)
                .setAbandoned(c.abandoned).setShortAbandoned(c.shortAbandoned)
                .setNoAnswer(c.noAnswer).setBusy(c.busy).setFailed(c.failed)
                .setAnsweredWithinSl(c.answeredWithinSl).setWaitMsSum(c.waitMsSum)
                .setTalkMsSum(c.talkMsSum).setResolvedKnown(c.resolvedKnown)
                .setResolved(c.resolved).setSatisfactionCount(c.satisfactionCount)
                .setSatisfactionSum(c.satisfactionSum).setSatisfied(c.satisfied)
                .setConnectionRate(r.connectionRate().value())
                .setAnswerRate(r.answerRate().value())
                .setAbandonmentRate(r.abandonmentRate().value())
                .setServiceLevel(r.serviceLevel().value())
                .setAsaSeconds(r.asaSeconds().value())
                .setProbeAttempts(c.probeAttempts).setProbeConnected(c.probeConnected)
                .build();
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
