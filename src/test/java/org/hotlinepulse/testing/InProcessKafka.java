package org.hotlinepulse.testing;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.util.List;
import java.util.Map;

/** A real one-node Kafka broker (KRaft, combined broker and controller) inside the test JVM. */
public final class InProcessKafka implements AutoCloseable {
    private final KafkaClusterTestKit cluster;

    public InProcessKafka() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                // One broker: internal topics must not ask for more replicas than there are.
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public void createTopics(Map<String, Integer> partitionsByTopic) throws Exception {
        KafkaClients.createTopics(bootstrapServers(), partitionsByTopic);
    }

    /** A producer of raw bytes to this broker ({@code acks=all}); the caller closes it. */
    public KafkaProducer<byte[], byte[]> producer() {
        return KafkaClients.producer(bootstrapServers());
    }

    public void produce(String topic, List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (ProducerRecord<byte[], byte[]> record : records) {
                producer.send(record);
            }
            producer.flush();
        }
    }

    /** Every committed message of the topic so far, in partition and offset order. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        return KafkaClients.readAll(bootstrapServers(), topic);
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
