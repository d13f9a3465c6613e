package org.hotlinepulse.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.hotlinepulse.alerts.AlertBytes;
import org.hotlinepulse.avro.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Reads the end of the alerts topic: where each partition ends now, and which alert changes lie
 * between given offsets and the end. Committed records only, so a transaction an earlier build left
 * open or aborted is not taken for a published change.
 */
final class AlertTopicTail implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertTopicTail.class);

    private final String topic;
    private final Duration timeout;
    private final KafkaConsumer<byte[], byte[]> consumer;

    AlertTopicTail(Properties clientProperties, String topic, Duration timeout) {
        this.topic = topic;
        this.timeout = timeout;
        Properties properties = new Properties();
        properties.putAll(clientProperties);
        properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The offset after the last committed record of each partition. */
    Map<Integer, Long> endOffsets() {
        Map<Integer, Long> ends = new HashMap<>();
        consumer.endOffsets(partitions(), timeout).forEach((partition, end) -> ends.put(partition.partition(), end));
        return ends;
    }

    /**
     * The changes ({@link #changeKey}) from {@code from} up to the current end of each partition; a
     * partition missing from {@code from} was created since and is read from its beginning. A
     * message that is not an alert is skipped with a warning.
     *
     * @throws org.apache.kafka.common.errors.TimeoutException when the broker does not answer in time
     */
    Set<String> changesSince(Map<Integer, Long> from) {
        List<TopicPartition> partitions = partitions();
        Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions, timeout));
        consumer.assign(partitions);
        for (TopicPartition partition : partitions) {
            Long start = from.get(partition.partition());
            if (start == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, start);
            }
        }
        Set<String> changes = new HashSet<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        ends.entrySet().removeIf(end -> consumer.position(end.getKey(), timeout) >= end.getValue());
        while (!ends.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new org.apache.kafka.common.errors.TimeoutException("reading " + topic + " up to " + ends
                        + " took longer than " + timeout);
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                Long end = ends.get(partition);
                if (end != null && record.offset() < end) {
                    addChange(changes, record);
                }
            }
            ends.entrySet().removeIf(end -> consumer.position(end.getKey(), timeout) >= end.getValue());
        }
        consumer.unsubscribe();
        return changes;
    }

    /** What identifies one published change: the episode id and its state. */
    static String changeKey(Alert alert) {
        return alert.getId() + "/" + alert.getState();
    }

    private static void addChange(Set<String> changes, ConsumerRecord<byte[], byte[]> record) {
        try {
            changes.add(changeKey(AlertBytes.decode(record.value())));
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}-{} offset {} is not an alert, skipped: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    private List<TopicPartition> partitions() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic, timeout)) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        return partitions;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
