package org.hotlinepulse.simulate;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.cdr.CdrWireFormat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Produces CDRs to a Kafka topic as the live job reads them (contract §3): value in Avro
 * single-object encoding, key the line number in UTF-8.
 */
public final class KafkaCdrOutput implements CdrOutput {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final String servers;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    /** @param client client properties incl. bootstrap.servers and any SASL settings */
    public KafkaCdrOutput(Properties client, String topic) {
        Properties props = new Properties();
        props.putAll(client);
        // Fail within seconds, not the client's default minute, when no broker answers.
        props.putIfAbsent("max.block.ms", "15000");
        props.putIfAbsent("delivery.timeout.ms", "30000");
        props.putIfAbsent("request.timeout.ms", "10000");
        props.putIfAbsent("linger.ms", "20");
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.servers = props.getProperty("bootstrap.servers");
    }

    @Override
    public void write(Cdr cdr) throws IOException {
        failIfAnyFailed();
        try {
            producer.send(new ProducerRecord<>(topic, cdr.getLine().getBytes(StandardCharsets.UTF_8),
                    CdrWireFormat.encode(cdr)), (metadata, e) -> {
                        if (e != null) {
                            firstFailure.compareAndSet(null, e);
                        }
                    });
        } catch (KafkaException e) {
            throw new IOException(problem(e), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            producer.flush();
        } catch (KafkaException e) {
            throw new IOException(problem(e), e);
        } finally {
            producer.close();
        }
        failIfAnyFailed();
    }

    private void failIfAnyFailed() throws IOException {
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new IOException(problem(failure), failure);
        }
    }

    private String problem(Exception e) {
        return "Kafka at " + servers + ", topic " + topic + ": " + e.getMessage();
    }
}
