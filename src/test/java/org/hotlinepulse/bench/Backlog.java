package org.hotlinepulse.bench;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.cdr.CdrWireFormat;
import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.postgres.PostgresConnections;
import org.hotlinepulse.simulate.SimulationSettings;
import org.hotlinepulse.simulate.SyntheticDirectory;
import org.hotlinepulse.simulate.TrafficSimulator;
import org.hotlinepulse.testing.InProcessKafka;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The backlog the throughput benchmarks drain: historic CDRs on {@code hotline.cdr}, and how many of
 * them the job has counted in PostgreSQL so far.
 */
final class Backlog {
    static final String TOPIC = "hotline.cdr";

    private Backlog() {}

    /**
     * Produces {@code cdrs} CDRs of healthy traffic on {@code lines}, written as a PBX would (in
     * end-time order), over a topic of {@code partitions} partitions; returns how many count (probes
     * do not).
     */
    static long produce(InProcessKafka kafka, List<String> lines, long cdrs, int partitions) throws Exception {
        Instant from = Instant.parse("2026-10-12T00:00:00Z");
        Duration span = Duration.ofMillis((long) (cdrs * 1.05 / (30.0 * lines.size()) * 3_600_000));
        TrafficSimulator generator = new TrafficSimulator(SyntheticDirectory.alwaysOpen(lines),
                SimulationSettings.healthy(11, from, span, 30));
        long written = 0;
        long counted = 0;
        try (KafkaProducer<byte[], byte[]> producer = BenchSupport.producer(kafka)) {
            long lastStart = Long.MIN_VALUE;
            while (generator.hasNext() && written < cdrs) {
                Cdr cdr = generator.next();
                producer.send(new ProducerRecord<>(TOPIC,
                        cdr.getLine().getBytes(StandardCharsets.UTF_8), CdrWireFormat.encode(cdr)));
                written++;
                counted += cdr.getProbe() ? 0 : 1;
                lastStart = Math.max(lastStart, cdr.getStartTime().toEpochMilli());
            }
            // One CDR an hour later on each partition moves the watermark past the backlog's
            // last windows; it is not counted, since its own window stays open.
            for (int partition = 0; partition < partitions; partition++) {
                Cdr closer = Cdr.newBuilder().setCallId("closer-" + partition).setLine(lines.get(0))
                        .setStartTime(Instant.ofEpochMilli(lastStart + 3_600_000))
                        .setEndTime(Instant.ofEpochMilli(lastStart + 3_600_000)).setOutcome(Outcome.BUSY)
                        .build();
                producer.send(new ProducerRecord<>(TOPIC, partition,
                        lines.get(0).getBytes(StandardCharsets.UTF_8), CdrWireFormat.encode(closer)));
            }
        }
        return counted;
    }

    /**
     * Waits until the 1-minute line rows count {@code counted} attempts. The count is a scan of the whole
     * table, which the job is writing: polled every 250 ms from the start, with PostgreSQL's parallel workers,
     * it took a core of the two from the drain it measured; so every 2 s until 95 % is counted, one backend.
     */
    static void awaitCountedInPostgres(JdbcConfig jdbc, long counted) throws Exception {
        long seen;
        while ((seen = countedInPostgres(jdbc)) < counted) {
            Thread.sleep(seen < counted * 0.95 ? 2_000 : 250);
        }
    }

    /** The attempts counted in the 1-minute line rows. */
    static long countedInPostgres(JdbcConfig jdbc) throws Exception {
        try (Connection c = PostgresConnections.open(jdbc, Map.of()); Statement s = c.createStatement()) {
            s.execute("SET max_parallel_workers_per_gather = 0");
            try (ResultSet r = s.executeQuery(
                    "SELECT coalesce(sum(attempts), 0) FROM line_metrics WHERE window_minutes = 1")) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
