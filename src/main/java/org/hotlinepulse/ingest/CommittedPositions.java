package org.hotlinepulse.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads the last positions document a transactional {@code ingest --follow} committed to Kafka under its id. */
final class CommittedPositions {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private CommittedPositions() {}

    /**
     * The value of the last committed record with this key, or null when there is none (or no such topic yet).
     * Call it after the transactional producer has been initialised, so that what a killed ingest left open is
     * settled first.
     *
     * @throws IOException when Kafka cannot be read within a minute
     */
    static byte[] read(Properties client, String topic, String key) throws IOException {
        Properties props = new Properties();
        props.putAll(client);
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", "false");
        props.remove("group.id");
        byte[] wanted = key.getBytes(StandardCharsets.UTF_8);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.listTopics(READ_TIMEOUT).getOrDefault(topic, List.of())
                    .stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                return null;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            byte[] last = null;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("Kafka topic " + topic + ": the committed positions could not be read"
                            + " within " + READ_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (Arrays.equals(record.key(), wanted)) {
                        last = record.value();
                    }
                }
            }
            return last;
        } catch (KafkaException e) {
            throw new IOException("Kafka topic " + topic + ": " + e.getMessage(), e);
        }
    }
}
