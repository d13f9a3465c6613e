package org.hotlinepulse.testing;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends a list of messages in a thread of its own at a steady pace, as a PBX feed delivers CDRs
 * while the job runs, so that crashes and outages happen mid-stream.
 */
public final class PacedProducer implements AutoCloseable {
    private final Thread thread;
    private final AtomicInteger sent = new AtomicInteger();
    private final int total;
    private volatile Throwable failure;
    private volatile long finishedAtMs;

    /** Starts sending {@code messages} in order, {@code perTick} of them every {@code tick}. */
    public PacedProducer(String bootstrapServers, List<ProducerRecord<byte[], byte[]>> messages,
                         int perTick, Duration tick) {
        this.total = messages.size();
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        thread = new Thread(() -> {
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props,
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                long next = System.nanoTime();
                for (int i = 0; i < messages.size(); i += perTick) {
                    List<ProducerRecord<byte[], byte[]>> batch = messages.subList(i, Math.min(messages.size(), i + perTick));
                    batch.forEach(producer::send);
                    producer.flush();
                    sent.addAndGet(batch.size());
                    next += tick.toNanos();
                    TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
                }
                finishedAtMs = System.currentTimeMillis();
            } catch (Throwable e) {
                failure = e;
            }
        }, "paced-producer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Share of the messages sent so far, 0 to 1. */
    public double progress() {
        return (double) sent.get() / total;
    }

    /** Waits until every message is sent; returns the wall-clock time the last one was. */
    public long awaitDone(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        if (failure != null) {
            throw new AssertionError("the feed failed after " + sent.get() + " messages", failure);
        }
        if (thread.isAlive()) {
            throw new AssertionError("the feed sent " + sent.get() + " of " + total + " messages in " + timeout);
        }
        return finishedAtMs;
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join();
    }
}
