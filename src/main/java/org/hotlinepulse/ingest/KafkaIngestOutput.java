package org.hotlinepulse.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.cdr.CdrWireFormat;
import org.hotlinepulse.cdr.DeadLetter;
import org.hotlinepulse.kafka.DeadLetterSerializer;

/**
 * Publishes canonical CDRs to Kafka as contract §3 says (Avro single-object encoding, key = the line in UTF-8) with
 * an idempotent producer and {@code acks=all}, and rejected records to the dead-letter topic in the job's own
 * layout (value = the record's JSON, headers reason, source, position) or, when a file is given, as JSON Lines of
 * contract §7 into that file. A transactional output (for {@code --follow}) puts everything between two commits into
 * one Kafka transaction with the positions record, keyed by its transactional id.
 */
public final class KafkaIngestOutput implements IngestOutput {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final DeadLetterSerializer deadLetters;
    private final BufferedWriter rejectedFile;
    private final String servers;
    private final String transactionalId;
    private final String positionsTopic;
    private boolean inTransaction;
    private final Properties client;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Callback onAck = (metadata, e) -> {
        if (e != null) {
            failure.compareAndSet(null, e);
        }
    };

    /**
     * @param client       client properties incl. bootstrap.servers and any security settings
     * @param topic        the CDR topic
     * @param rejectedTopic the dead-letter topic, used when rejectedFile is null
     * @param rejectedFile a JSON Lines file for rejected records (appended to), or null
     */
    public KafkaIngestOutput(Properties client, String topic, String rejectedTopic, Path rejectedFile)
            throws IOException {
        this(client, topic, rejectedTopic, rejectedFile, null, null);
    }

    /**
     * A transactional output: records are only visible to read_committed consumers (the job) once
     * {@link #commit} stored them with the positions record.
     *
     * @param transactionalId the producer's transactional id, also the key of its positions records; a second
     *     producer with the same id fences this one
     * @param positionsTopic where {@link #commit} writes the positions (a compacted topic)
     */
    public static KafkaIngestOutput transactional(Properties client, String topic, String rejectedTopic,
                                                  Path rejectedFile, String transactionalId, String positionsTopic)
            throws IOException {
        return new KafkaIngestOutput(client, topic, rejectedTopic, rejectedFile, transactionalId, positionsTopic);
    }

    private KafkaIngestOutput(Properties client, String topic, String rejectedTopic, Path rejectedFile,
                              String transactionalId, String positionsTopic) throws IOException {
        this.client = client;
        Properties props = new Properties();
        props.putAll(client);
        // Nothing lost, nothing doubled by the producer's own retries.
        props.put("enable.idempotence", "true");
        props.put("acks", "all");
        props.putIfAbsent("max.block.ms", "30000");
        props.putIfAbsent("delivery.timeout.ms", "120000");
        props.putIfAbsent("linger.ms", "20");
        props.putIfAbsent("compression.type", "lz4");
        if (transactionalId != null) {
            props.put("transactional.id", transactionalId);
        }
        this.servers = props.getProperty("bootstrap.servers");
        this.transactionalId = transactionalId;
        this.positionsTopic = positionsTopic;
        this.topic = topic;
        this.deadLetters = new DeadLetterSerializer(rejectedTopic);
        this.rejectedFile = rejectedFile == null ? null : Files.newBufferedWriter(rejectedFile, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        if (transactionalId != null) {
            try {
                // Fences an earlier ingest with the same id and aborts what it left uncommitted.
                producer.initTransactions();
            } catch (KafkaException e) {
                producer.close();
                throw new IOException(problem(e), e);
            }
        }
    }

    @Override
    public void publish(Cdr cdr) throws IOException {
        send(new ProducerRecord<>(topic, cdr.getLine().getBytes(StandardCharsets.UTF_8), CdrWireFormat.encode(cdr)));
    }

    @Override
    public void reject(DeadLetter letter) throws IOException {
        if (rejectedFile != null) {
            rejectedFile.write(letter.toJsonLine());
            rejectedFile.newLine();
        } else {
            send(deadLetters.serialize(letter, null, null));
        }
    }

    private void send(ProducerRecord<byte[], byte[]> message) throws IOException {
        failIfAnyFailed();
        try {
            if (transactionalId != null && !inTransaction) {
                producer.beginTransaction();
                inTransaction = true;
            }
            producer.send(message, onAck);
        } catch (KafkaException e) {
            throw new IOException(problem(e), e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            producer.flush();
        } catch (KafkaException e) {
            throw new IOException(problem(e), e);
        }
        failIfAnyFailed();
        if (rejectedFile != null) {
            rejectedFile.flush();
        }
    }

    /**
     * The positions last committed by a transactional output with this id (a previous run's, read after this one
     * settled what that run left open), or null when there are none.
     */
    public byte[] lastCommittedPositions() throws IOException {
        return CommittedPositions.read(client, positionsTopic, transactionalId);
    }

    @Override
    public void commit(byte[] positions) throws IOException {
        if (transactionalId == null) {
            flush();
            return;
        }
        if (rejectedFile != null) {
            rejectedFile.flush();
        }
        send(new ProducerRecord<>(positionsTopic, transactionalId.getBytes(StandardCharsets.UTF_8), positions));
        try {
            producer.commitTransaction();
            inTransaction = false;
        } catch (KafkaException e) {
            throw new IOException(problem(e), e);
        }
        failIfAnyFailed();
    }

    private void failIfAnyFailed() throws IOException {
        Exception e = failure.get();
        if (e != null) {
            throw new IOException(problem(e), e);
        }
    }

    private String problem(Exception e) {
        return "Kafka at " + servers + ", topic " + topic + ": " + e.getMessage();
    }

    @Override
    public void close() throws IOException {
        try {
            if (transactionalId == null) {
                flush();
            }
        } finally {
            producer.close();
            if (rejectedFile != null) {
                rejectedFile.close();
            }
        }
    }
}
