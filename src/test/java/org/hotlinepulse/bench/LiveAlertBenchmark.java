package org.hotlinepulse.bench;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.hotlinepulse.alerts.AlertBytes;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.avro.AlertType;
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
import org.hotlinepulse.testing.InProcessKafka;
import org.hotlinepulse.testing.TopicTail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How soon the live job pages, measured on a real broker with event time on the wall clock:
 * from producing the CDR that completes an OUT_OF_SERVICE condition (the third failed call) to
 * the FIRING change being readable on {@code hotline.alerts} by a read_committed consumer, and
 * from the moment a busy line's silence reaches its SILENT threshold to that alert. Background
 * traffic keeps the other lines healthy. Prints figures; asserts nothing.
 *
 * <p>{@code mvn -q -B test-compile exec:exec -Dbench.main=org.hotlinepulse.bench.LiveAlertBenchmark
 * -Dbench.lines=100 -Dbench.rate=200}: bench.lines failing lines and as many falling silent,
 * bench.rate background CDRs per second (without the flags, the pom's defaults for the Kafka benchmark apply).
 */
public final class LiveAlertBenchmark {
    static final int FAULTY = Integer.getInteger("bench.lines", 100);
    static final int RATE = Integer.getInteger("bench.rate", 200);
    static final Duration MAX_OUT_OF_ORDERNESS = Duration.ofSeconds(2);
    static final Duration CHECKPOINTS = Duration.ofSeconds(1);
    /** A silent line expects 600 calls an hour and is SILENT after one quiet minute (10 expected). */
    static final long SILENT_AFTER_MS = 60_000;
    static final long TICK_MS = 100;

    public static void main(String[] args) throws Exception {
        JdbcConfig jdbc = BenchSupport.benchDatabase();
        Migrations.migrate(jdbc, Map.of());
        BenchSupport.execute(jdbc, "TRUNCATE alerts");
        List<String> failing = numbers("0371601", FAULTY);
        List<String> silencing = numbers("0371602", FAULTY);
        List<String> healthy = numbers("0371603", FAULTY);
        Path directoryFile = writeDirectory(failing, silencing, healthy);
        try (InProcessKafka kafka = new InProcessKafka()) {
            kafka.createTopics(Map.of("hotline.cdr", 2, "hotline.alerts", 1, "hotline.metrics", 1,
                    "hotline.cdr.rejected", 1, "hotline.cdr.late", 1));
            JobConfig config = new JobConfig(
                    JobConfig.DEFAULTS.metrics().withMaxOutOfOrderness(MAX_OUT_OF_ORDERNESS),
                    new KafkaConfig(kafka.bootstrapServers(), "alert-bench", KafkaConfig.Topics.DEFAULTS, Map.of()),
                    jdbc,
                    new DirectorySourceConfig(DirectorySourceConfig.Source.YAML, directoryFile.toString(),
                            Duration.ofMinutes(10)),
                    new RuntimeConfig(CHECKPOINTS, null, null, Duration.ofSeconds(1), Duration.ofSeconds(2),
                            Duration.ofMinutes(10), Duration.ofSeconds(2), 2),
                    AlertsConfig.DEFAULTS, AlertmanagerConfig.DEFAULTS);
            LiveJob job = new LiveJob(config, Directory.load(directoryFile), Map.of());
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(job.flinkConfiguration());
            job.buildOn(env, job.cdrSource(), new LiveSinks(config, Map.of()));
            JobClient running = env.executeAsync("alert-latency-bench");
            AtomicBoolean producing = new AtomicBoolean(true);
            try (TopicTail alerts = new TopicTail(kafka.bootstrapServers(), "hotline.alerts")) {
                Thread.sleep(5_000);
                Faults faults = new Faults();
                Thread producer = new Thread(() -> faults.produce(kafka, failing, silencing, healthy, producing));
                producer.start();
                long waitUntil = System.currentTimeMillis() + (12L + FAULTY) * 1000 + SILENT_AFTER_MS + 60_000;
                while (System.currentTimeMillis() < waitUntil
                        && firings(alerts, AlertType.SILENT).size() < FAULTY) {
                    alerts.poll(Duration.ofMillis(50));
                }
                producing.set(false);
                producer.join();
                report(faults, alerts);
            } finally {
                running.cancel().get();
            }
        }
        System.exit(0);
    }

    /**
     * Background calls to the healthy and the silencing lines, one every 2 s per line; the
     * silencing lines stop one a second from 10 s on, and from then on one failing line every
     * second gets three failed calls in a row.
     */
    static final class Faults {
        final Map<String, Long> completedAt = new HashMap<>();
        final Map<String, Long> silentDueAt = new HashMap<>();

        void produce(InProcessKafka kafka, List<String> failing, List<String> silencing, List<String> healthy,
                     AtomicBoolean producing) {
            List<String> background = new ArrayList<>(healthy);
            background.addAll(silencing);
            int perTick = Math.max(1, (int) (RATE * TICK_MS / 1000));
            long sequence = 0;
            try (KafkaProducer<byte[], byte[]> producer = BenchSupport.producer(kafka)) {
                for (long tick = 0; producing.get(); tick++) {
                    long tickStart = System.currentTimeMillis();
                    for (int i = 0; i < perTick; i++) {
                        String line = background.get((int) (sequence % background.size()));
                        int silenced = silencing.indexOf(line);
                        if (silenced < 0 || tick < stopTick(silenced)) {
                            send(producer, call(line, sequence, tickStart, Outcome.ANSWERED));
                        }
                        sequence++;
                    }
                    for (int j = 0; j < silencing.size(); j++) {
                        if (tick == stopTick(j)) {
                            silentDueAt.put(silencing.get(j), lastStart(silencing.get(j)) + SILENT_AFTER_MS);
                        }
                    }
                    int victim = (int) (tick - 100) / 10;
                    if (tick >= 100 && (tick - 100) % 10 == 0 && victim < failing.size()) {
                        String line = failing.get(victim);
                        for (int k = 0; k < 3; k++) {
                            send(producer, call(line, sequence++, tickStart - 2 + k, Outcome.FAILED));
                        }
                        producer.flush();
                        completedAt.put(line, System.currentTimeMillis());
                    }
                    producer.flush();
                    Thread.sleep(Math.max(0, TICK_MS - (System.currentTimeMillis() - tickStart)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private final Map<String, Long> lastStarts = new HashMap<>();

        private long lastStart(String line) {
            return lastStarts.getOrDefault(line, Long.MIN_VALUE);
        }

        private static long stopTick(int silenced) {
            return 100 + 10L * silenced;
        }

        private Cdr call(String line, long sequence, long start, Outcome outcome) {
            lastStarts.put(line, start);
            Cdr.Builder cdr = Cdr.newBuilder().setCallId("bench-" + sequence).setLine(line)
                    .setStartTime(Instant.ofEpochMilli(start)).setEndTime(Instant.ofEpochMilli(start + 1))
                    .setOutcome(outcome);
            if (outcome == Outcome.ANSWERED) {
                cdr.setAnswerTime(Instant.ofEpochMilli(start + 1));
            }
            return cdr.build();
        }

        private static void send(KafkaProducer<byte[], byte[]> producer, Cdr cdr) {
            producer.send(new ProducerRecord<>("hotline.cdr", cdr.getLine().getBytes(StandardCharsets.UTF_8),
                    CdrWireFormat.encode(cdr)));
        }
    }

    private static void report(Faults faults, TopicTail alerts) throws Exception {
        Map<String, Long> outOfService = firings(alerts, AlertType.OUT_OF_SERVICE);
        Map<String, Long> silent = firings(alerts, AlertType.SILENT);
        System.out.printf(Locale.ROOT, "OUT_OF_SERVICE: CDR completing the condition -> FIRING readable on "
                        + "hotline.alerts: %s (max_out_of_orderness %d s, checkpoints every %d s, "
                        + "%d background CDR/s)%n", latencies(faults.completedAt, outOfService),
                MAX_OUT_OF_ORDERNESS.toSeconds(), CHECKPOINTS.toSeconds(), RATE);
        System.out.printf(Locale.ROOT, "SILENT: silence reaching its threshold (1 quiet minute at 600 calls/h) "
                + "-> FIRING readable on hotline.alerts: %s%n", latencies(faults.silentDueAt, silent));
        long other = alerts.received().size() - outOfService.size() - silent.size();
        System.out.printf(Locale.ROOT, "other alert changes: %d (expected 0)%n", other);
    }

    private static String latencies(Map<String, Long> from, Map<String, Long> firedAt) {
        List<Long> latencies = new ArrayList<>();
        from.forEach((line, t) -> {
            Long fired = firedAt.get(line);
            if (fired != null) {
                latencies.add(fired - t);
            }
        });
        latencies.sort(Long::compare);
        return String.format(Locale.ROOT, "%d of %d paged, p50 %.2f s, p99 %.2f s, max %.2f s",
                latencies.size(), from.size(), BenchSupport.percentile(latencies, 0.50) / 1000.0,
                BenchSupport.percentile(latencies, 0.99) / 1000.0,
                latencies.isEmpty() ? Double.NaN : latencies.get(latencies.size() - 1) / 1000.0);
    }

    /** When each line's first FIRING change of {@code type} was received. */
    private static Map<String, Long> firings(TopicTail alerts, AlertType type) throws Exception {
        Map<String, Long> firedAt = new HashMap<>();
        for (TopicTail.Received r : alerts.received()) {
            Alert alert = AlertBytes.decode(r.message().value());
            if (alert.getType() == type && alert.getState() == AlertState.FIRING) {
                firedAt.putIfAbsent(alert.getLine(), r.receivedAtMs());
            }
        }
        return firedAt;
    }

    private static List<String> numbers(String prefix, int count) {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            numbers.add(prefix + String.format(Locale.ROOT, "%05d", i));
        }
        return numbers;
    }

    private static Path writeDirectory(List<String> failing, List<String> silencing, List<String> healthy)
            throws Exception {
        StringBuilder yaml = new StringBuilder("timezone: Asia/Shanghai\ndepartments:\n"
                + "  - { id: bench, name: 基准测试热线 }\nlines:\n");
        for (String number : failing) {
            yaml.append("  - { number: \"").append(number).append("\", department: bench, name: 故障线路, hours: 24x7 }\n");
        }
        for (List<String> busy : List.of(silencing, healthy)) {
            for (String number : busy) {
                yaml.append("  - { number: \"").append(number).append("\", department: bench, name: 繁忙线路, "
                        + "hours: 24x7, expected_calls_per_hour: 600, thresholds: { silent_min_minutes: 1 } }\n");
            }
        }
        Path file = Files.createTempDirectory("hotline-pulse-alert-bench").resolve("directory.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
