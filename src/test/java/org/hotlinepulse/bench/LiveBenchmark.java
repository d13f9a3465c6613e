package org.hotlinepulse.bench;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.cdr.CdrWireFormat;
import org.hotlinepulse.config.AlertsConfig;
import org.hotlinepulse.config.AlertmanagerConfig;
import org.hotlinepulse.config.DirectorySourceConfig;
import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.config.KafkaConfig;
import org.hotlinepulse.config.RuntimeConfig;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.live.LiveJob;
import org.hotlinepulse.live.LiveSinks;
import org.hotlinepulse.postgres.Migrations;
import org.hotlinepulse.postgres.PostgresConnections;
import org.hotlinepulse.simulate.SyntheticDirectory;
import org.hotlinepulse.testing.InProcessKafka;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Kafka → Flink → PostgreSQL, measured: sustained CDRs per second through a backlog with
 * checkpointing on, then the latency from producing a CDR to its row being visible in PostgreSQL
 * at a steady live rate. Uses a real broker in this JVM and the local PostgreSQL (database
 * {@code hotline_bench}, created if missing). Prints figures; asserts nothing.
 *
 * <p>{@code mvn -q -B test-compile exec:exec [-Dbench.cdrs=300000 -Dbench.lines=1000
 * -Dbench.rate=2000 -Dbench.seconds=60]}
 */
public final class LiveBenchmark {
    static final long CDRS = Long.getLong("bench.cdrs", 300_000);
    static final int LINES = Integer.getInteger("bench.lines", 1_000);
    static final int RATE = Integer.getInteger("bench.rate", 2_000);
    static final int SECONDS = Integer.getInteger("bench.seconds", 60);

    public static void main(String[] args) throws Exception {
        JdbcConfig jdbc = BenchSupport.benchDatabase();
        Migrations.migrate(jdbc, Map.of());
        BenchSupport.execute(jdbc, "TRUNCATE line_metrics, department_metrics");
        Path dir = Files.createTempDirectory("hotline-pulse-live-bench");
        SyntheticDirectory synthetic = new SyntheticDirectory(LINES, 50);
        synthetic.writeYaml(dir.resolve("directory.yaml"));
        try (InProcessKafka kafka = new InProcessKafka()) {
            kafka.createTopics(Map.of(Backlog.TOPIC, 2, "metrics", 2, "rejected", 1, "late", 1));
            long counted = Backlog.produce(kafka, synthetic.numbers(), CDRS, 2);
            JobConfig config = new JobConfig(
                    JobConfig.DEFAULTS.metrics().withMaxOutOfOrderness(Duration.ofSeconds(2)),
                    new KafkaConfig(kafka.bootstrapServers(), "bench",
                            new KafkaConfig.Topics("hotline.cdr", "rejected", "late", "metrics", "alerts"),
                            Map.of()),
                    jdbc,
                    new DirectorySourceConfig(DirectorySourceConfig.Source.YAML,
                            dir.resolve("directory.yaml").toString(), Duration.ofMinutes(1)),
                    // Quiet partitions follow the wall clock only after 30 s: a shorter period can
                    // pass before the first fetch, and would make the whole backlog late.
                    new RuntimeConfig(Duration.ofSeconds(10), null, null, Duration.ofSeconds(1),
                            Duration.ofSeconds(2), Duration.ofMinutes(10), Duration.ofSeconds(30), 2), AlertsConfig.DEFAULTS,
                    AlertmanagerConfig.DEFAULTS);
            LiveJob job = new LiveJob(config, Directory.load(dir.resolve("directory.yaml")), Map.of());
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(job.flinkConfiguration());
            job.buildOn(env, job.cdrSource(), new LiveSinks(config, Map.of()));
            long started = System.nanoTime();
            JobClient client = env.executeAsync("live-bench");
            try {
                Backlog.awaitCountedInPostgres(jdbc, counted);
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(Locale.ROOT, "backlog: %d CDRs (%d counted) over %d lines, Kafka -> "
                                + "PostgreSQL with checkpoints every 10 s, parallelism 2: %.1f s, %.0f CDR/s "
                                + "(including job start-up)%n",
                        CDRS, counted, LINES, seconds, CDRS / seconds);
                measureLatency(kafka, jdbc, synthetic.numbers());
            } finally {
                client.cancel().get();
            }
        }
        System.exit(0);
    }

    /**
     * CDRs of calls that start and end now, at a steady rate. A CDR is visible when its line's
     * 1-minute row in PostgreSQL counts every CDR produced for that line and minute.
     */
    private static void measureLatency(InProcessKafka kafka, JdbcConfig jdbc, List<String> lines)
            throws Exception {
        Map<String, List<Long>> producedAt = new HashMap<>();
        Map<String, Long> visibleAt = new HashMap<>();
        long end = System.currentTimeMillis() + SECONDS * 1000L;
        long sequence = 0;
        try (KafkaProducer<byte[], byte[]> producer = BenchSupport.producer(kafka)) {
            long nextPoll = 0;
            while (System.currentTimeMillis() < end) {
                long batchStart = System.currentTimeMillis();
                for (int i = 0; i < RATE / 10; i++) {
                    String line = lines.get((int) (sequence % lines.size()));
                    long now = System.currentTimeMillis();
                    Cdr cdr = Cdr.newBuilder().setCallId("live-" + sequence++).setLine(line)
                            .setStartTime(Instant.ofEpochMilli(now - 1_000))
                            .setEndTime(Instant.ofEpochMilli(now)).setOutcome(Outcome.BUSY).build();
                    producer.send(new ProducerRecord<>("hotline.cdr",
                            line.getBytes(StandardCharsets.UTF_8), CdrWireFormat.encode(cdr)));
                    producedAt.computeIfAbsent(line + "|" + minute(now - 1_000), k -> new ArrayList<>())
                            .add(now);
                }
                producer.flush();
                if (System.currentTimeMillis() >= nextPoll) {
                    observe(jdbc, producedAt, visibleAt);
                    nextPoll = System.currentTimeMillis() + 200;
                }
                Thread.sleep(Math.max(0, 100 - (System.currentTimeMillis() - batchStart)));
            }
        }
        long waitUntil = System.currentTimeMillis() + 90_000;
        while (visibleAt.size() < producedAt.size() && System.currentTimeMillis() < waitUntil) {
            observe(jdbc, producedAt, visibleAt);
            Thread.sleep(200);
        }
        List<Long> latencies = new ArrayList<>();
        producedAt.forEach((group, times) -> {
            Long visible = visibleAt.get(group);
            if (visible != null) {
                times.forEach(t -> latencies.add(visible - t));
            }
        });
        latencies.sort(Long::compare);
        System.out.printf(Locale.ROOT, "live: %d CDRs at %d CDR/s over %d s; visible in PostgreSQL: "
                        + "%d of %d line-minutes; latency produce -> row visible p50 %.1f s, p99 %.1f s "
                        + "(1-minute windows: a CDR waits for its minute to end, plus 2 s out-of-orderness)%n",
                sequence, RATE, SECONDS, visibleAt.size(), producedAt.size(),
                BenchSupport.percentile(latencies, 0.50) / 1000.0, BenchSupport.percentile(latencies, 0.99) / 1000.0);
    }

    private static void observe(JdbcConfig jdbc, Map<String, List<Long>> producedAt,
                                Map<String, Long> visibleAt) throws Exception {
        long now = System.currentTimeMillis();
        try (Connection c = PostgresConnections.open(jdbc, Map.of()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT line, window_start, attempts FROM line_metrics "
                     + "WHERE window_minutes = 1 AND window_start > now() - interval '1 day'")) {
            while (r.next()) {
                String group = r.getString(1) + "|" + r.getTimestamp(2).toInstant().toEpochMilli();
                List<Long> produced = producedAt.get(group);
                if (produced != null && !visibleAt.containsKey(group) && r.getLong(3) >= produced.size()) {
                    visibleAt.put(group, now);
                }
            }
        }
    }

    private static long minute(long ms) {
        return ms - Math.floorMod(ms, 60_000);
    }
}
