package org.hotlinepulse.live;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.hotlinepulse.config.KafkaConfig;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks Kafka (with the Admin client) whether the job's consumer group has committed offsets on
 * the CDR topic, i.e. whether a job has already read and counted part of it.
 */
public final class CommittedOffsets {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private CommittedOffsets() {}

    /**
     * True when {@code kafka.group_id} has a committed offset on any partition of the CDR topic.
     *
     * @throws IOException naming the brokers and the group, when Kafka does not answer
     */
    public static boolean onCdrTopic(KafkaConfig kafka, Map<String, String> env) throws IOException {
        try (Admin admin = Admin.create(kafka.clientProperties(env))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin
                    .listConsumerGroupOffsets(kafka.groupId())
                    .partitionsToOffsetAndMetadata()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return offsets.entrySet().stream().anyMatch(e ->
                    e.getKey().topic().equals(kafka.topics().cdr()) && e.getValue() != null);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new IOException("cannot ask Kafka at " + kafka.bootstrapServers()
                    + " for the committed offsets of consumer group " + kafka.groupId() + ": " + cause, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking Kafka for committed offsets", e);
        }
    }
}
