package org.hotlinepulse.testing;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * Follows a topic from its beginning as committed messages arrive (read_committed, as a
 * downstream consumer of the job's transactional sinks would), noting when each was received.
 */
public final class TopicTail implements AutoCloseable {
    /** A message and the wall-clock time it was polled. */
    public record Received(ConsumerRecord<byte[], byte[]> message, long receivedAtMs) {}

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<Received> received = new ArrayList<>();

    public TopicTail(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("isolation.level", "read_committed");
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Polls once for at most {@code timeout}; returns what arrived. */
    public List<Received> poll(Duration timeout) {
        List<Received> batch = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> message : consumer.poll(timeout)) {
            batch.add(new Received(message, System.currentTimeMillis()));
        }
        received.addAll(batch);
        return batch;
    }

    /** The first message received so far or within {@code timeout} that matches; fails the test otherwise. */
    public Received await(String what, Predicate<ConsumerRecord<byte[], byte[]>> matches, Duration timeout) {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        int checked = 0;
        while (true) {
            for (; checked < received.size(); checked++) {
                if (matches.test(received.get(checked).message())) {
                    return received.get(checked);
                }
            }
            if (System.currentTimeMillis() >= deadline) {
                throw new AssertionError("no " + what + " on the topic within " + timeout);
            }
            poll(Duration.ofMillis(100));
        }
    }

    /** Everything received so far, in arrival order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
