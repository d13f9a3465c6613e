package org.hotlinepulse.live;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.cdr.CdrWireFormat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Produces CDRs to {@code hotline.cdr} at a steady pace, as a PBX feed does, keyed by line. */
final class PacedFeed {
    private static final long BATCH_EVERY_MS = 50;

    private PacedFeed() {}

    /**
     * Produces {@code cdrs} from {@code from} (inclusive) to {@code to} in order, in batches spread
     * evenly so that all of {@code cdrs} would take {@code whole}; returns how long it took.
     */
    static long produce(KafkaProducer<byte[], byte[]> producer, List<Cdr> cdrs, int from, int to, Duration whole)
            throws InterruptedException {
        int batches = (int) Math.max(1, whole.toMillis() / BATCH_EVERY_MS);
        int perBatch = Math.max(1, (cdrs.size() + batches - 1) / batches);
        long started = System.currentTimeMillis();
        for (int i = from; i < to; i++) {
            Cdr cdr = cdrs.get(i);
            producer.send(new ProducerRecord<>("hotline.cdr",
                    cdr.getLine().getBytes(StandardCharsets.UTF_8), CdrWireFormat.encode(cdr)));
            if ((i + 1 - from) % perBatch == 0) {
                producer.flush();
                long due = started + (long) ((i + 1 - from) / perBatch) * BATCH_EVERY_MS;
                Thread.sleep(Math.max(0, due - System.currentTimeMillis()));
            }
        }
        producer.flush();
        return System.currentTimeMillis() - started;
    }
}
