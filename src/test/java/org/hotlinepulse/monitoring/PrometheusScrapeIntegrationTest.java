package org.hotlinepulse.monitoring;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.hotlinepulse.alertmanager.AlertmanagerSink;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.cdr.CdrWireFormat;
import org.hotlinepulse.cdr.DeadLetter;
import org.hotlinepulse.config.AlertmanagerConfig;
import org.hotlinepulse.config.AlertsConfig;
import org.hotlinepulse.config.DirectorySourceConfig;
import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.config.KafkaConfig;
import org.hotlinepulse.config.MonitoringConfig;
import org.hotlinepulse.config.RuntimeConfig;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.job.JobSinks;
import org.hotlinepulse.live.LiveJob;
import org.hotlinepulse.metrics.WindowMetrics;
import org.hotlinepulse.testing.InProcessKafka;
import org.hotlinepulse.testing.LocalBinary;
import org.hotlinepulse.testing.LocalPrometheus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live job as {@code run} starts it (its own embedded cluster, configured by
 * {@link LiveJob#flinkConfiguration()}) with {@code monitoring.prometheus_port} set, reading a handful
 * of CDRs from a real Kafka broker (two sources, a duplicate, a rejected CDR, bytes that are no CDR,
 * three failed calls to a number missing from the directory, then a CDR past allowed lateness) and delivering alerts to an Alertmanager that is not there; a real
 * Prometheus scrapes the reporter every second, and its query API must show every metric of
 * {@link JobMetric} with the values that input makes, and the Flink metrics the rules use.
 */
class PrometheusScrapeIntegrationTest {
    @RegisterExtension
    static final LocalPrometheus PROMETHEUS = new LocalPrometheus();

    /** The directory of the live tests: {@link #LINE} belongs to {@link #DEPARTMENT}. */
    static final Path DIRECTORY = Path.of("src/test/resources/job/directory.yaml");
    static final String LINE = "037167890002";
    static final String DEPARTMENT = "zz-social-security";
    /** Not in the directory: three failed attempts to it fire UNKNOWN_LINE. */
    static final String UNKNOWN_NUMBER = "037100000000";
    static final Duration DEADLINE = Duration.ofSeconds(120);

    static InProcessKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = new InProcessKafka();
        kafka.createTopics(Map.of("hotline.cdr", 1));
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void prometheusScrapesTheJobsOwnMetrics() throws Exception {
        int reporterPort = LocalBinary.freeLoopbackPort();
        JobConfig config = config(reporterPort, LocalBinary.freeLoopbackPort());
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(3));
        kafka.produce("hotline.cdr", List.of(
                cdr("a1", "pbx-a", minute.plusSeconds(1), Outcome.ANSWERED),
                cdr("a2", "pbx-a", minute.plusSeconds(2), Outcome.ANSWERED),
                cdr("a1", "pbx-a", minute.plusSeconds(1), Outcome.ANSWERED),
                cdr("b1", "pbx-b", minute.plusSeconds(3), Outcome.NO_ANSWER),
                message(CdrWireFormat.encode(Cdr.newBuilder(call("b2", "pbx-b", minute.plusSeconds(4), Outcome.NO_ANSWER))
                        .setEndTime(minute).build())),
                message("no CDR at all".getBytes(StandardCharsets.UTF_8)),
                cdr("u1", "pbx-a", minute.plusSeconds(10), Outcome.FAILED, UNKNOWN_NUMBER),
                cdr("u2", "pbx-a", minute.plusSeconds(20), Outcome.FAILED, UNKNOWN_NUMBER),
                cdr("u3", "pbx-a", minute.plusSeconds(30), Outcome.FAILED, UNKNOWN_NUMBER)));

        LiveJob job = new LiveJob(config, Directory.load(DIRECTORY), Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(job.flinkConfiguration());
        job.buildOn(env, job.cdrSource(), new ScrapeSinks(config));
        JobClient client = env.executeAsync("hotline-metrics prometheus");
        try {
            PROMETHEUS.start("127.0.0.1:" + reporterPort);

            Map<String, Double> bySource = Map.of("source=pbx-a,", 6.0, "source=pbx-b,", 2.0, "source=unknown,", 1.0);
            awaitValues(sumBy(JobMetric.RECORDS_READ, "source"), bySource);
            awaitValues(sumBy(JobMetric.RECORDS_REJECTED, "source"), Map.of("source=pbx-b,", 1.0, "source=unknown,", 1.0));
            awaitValues(sumBy(JobMetric.RECORDS_DUPLICATE, "source"), Map.of("source=pbx-a,", 1.0));
            awaitValues(sumBy(JobMetric.DEPARTMENT_ANSWER_RATE, "department"),
                    Map.of("department=" + DEPARTMENT + ",", 2.0 / 3));
            awaitValues(sumBy(JobMetric.DIRECTORY_VERSION, null), Map.of("", 1.0));
            Map<String, Double> fired = new TreeMap<>();
            for (AlertType type : AlertType.values()) {
                fired.put("type=" + type.name() + ",", type == AlertType.UNKNOWN_LINE ? 1.0 : 0.0);
            }
            awaitValues(sumBy(JobMetric.ALERTS_FIRED, "type"), fired);

            kafka.produce("hotline.cdr", List.of(cdr("late", "pbx-a", Instant.now().minus(Duration.ofHours(6)), Outcome.ANSWERED)));
            awaitValues(sumBy(JobMetric.RECORDS_LATE_DROPPED, "source"), Map.of("source=pbx-a,", 1.0));
            awaitValues(sumBy(JobMetric.RECORDS_READ, "source"), Map.of("source=pbx-a,", 7.0, "source=pbx-b,", 2.0,
                    "source=unknown,", 1.0));

            double lag = awaitOne(JobMetric.WATERMARK_LAG.prometheusName());
            assertThat(lag).as("event time follows the wall clock minus max_out_of_orderness (2 s) once the partition is quiet")
                    .isBetween(0.0, 60.0);
            double age = awaitOne(JobMetric.DIRECTORY_AGE.prometheusName());
            assertThat(age).as("the starting directory has been in force since the job started").isBetween(0.0, 300.0);
            assertThat(awaitOne(JobMetric.ALERTMANAGER_DELIVERY_FAILURES.prometheusName()))
                    .as("every heartbeat to the missing Alertmanager fails").isGreaterThanOrEqualTo(1.0);
            assertThat(PROMETHEUS.query(JobMetric.ALERTMANAGER_LAST_DELIVERY.prometheusName()))
                    .as("no delivery ever succeeded: the gauge has no number").allMatch(s -> Double.isNaN(s.value()));
            for (String flink : FlinkMetricNames.ALL) {
                awaitOne(flink);
            }
            assertThat(awaitOne("up")).isEqualTo(1.0);
        } finally {
            client.cancel().get();
        }
    }

    /** The PromQL that sums a metric by its label (or over everything), so that subtasks and operators add up. */
    private static String sumBy(JobMetric metric, String label) {
        return "sum" + (label == null ? "" : " by (" + label + ")") + " (" + metric.prometheusName() + ")";
    }

    /** Polls the query until its series are exactly these (labels as {@code name=value,}) with these values. */
    private static void awaitValues(String promql, Map<String, Double> expected) throws Exception {
        Map<String, Double> seen = Map.of();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            seen = new TreeMap<>();
            for (LocalPrometheus.Sample s : PROMETHEUS.query(promql)) {
                StringBuilder labels = new StringBuilder();
                s.labels().fields().forEachRemaining(l -> labels.append(l.getKey()).append('=').append(l.getValue().asText()).append(','));
                seen.put(labels.toString(), Math.round(s.value() * 10_000) / 10_000.0);
            }
            if (seen.equals(rounded(expected))) {
                return;
            }
            Thread.sleep(200);
        }
        assertThat(seen).as(promql + " within " + DEADLINE).isEqualTo(rounded(expected));
    }

    private static Map<String, Double> rounded(Map<String, Double> values) {
        Map<String, Double> rounded = new TreeMap<>();
        values.forEach((k, v) -> rounded.put(k, Math.round(v * 10_000) / 10_000.0));
        return rounded;
    }

    /** Polls until the metric has exactly one series with a number, and returns it. */
    private static double awaitOne(String name) throws Exception {
        List<LocalPrometheus.Sample> seen = List.of();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            seen = PROMETHEUS.query(name);
            if (seen.size() == 1 && !Double.isNaN(seen.get(0).value())) {
                return seen.get(0).value();
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name + ": no single series with a number within " + DEADLINE + ": " + seen);
    }

    private static JobConfig config(int reporterPort, int nobodyListening) {
        return new JobConfig(JobConfig.DEFAULTS.metrics().withMaxOutOfOrderness(Duration.ofSeconds(2)),
                new KafkaConfig(kafka.bootstrapServers(), "prometheus-test",
                        new KafkaConfig.Topics("hotline.cdr", "rejected", "late", "metrics", "alerts"), Map.of()),
                JdbcConfig.DEFAULTS,
                new DirectorySourceConfig(DirectorySourceConfig.Source.YAML, DIRECTORY.toString(), Duration.ofMinutes(1)),
                new RuntimeConfig(Duration.ofMillis(500), null, null, Duration.ofMillis(500), Duration.ofSeconds(2),
                        Duration.ofMinutes(10), Duration.ofSeconds(1), 1),
                AlertsConfig.DEFAULTS,
                new AlertmanagerConfig(List.of("http://127.0.0.1:" + nobodyListening), Duration.ofSeconds(1),
                        Duration.ofSeconds(1), Duration.ofSeconds(1)),
                new MonitoringConfig(reporterPort));
    }

    private static Cdr call(String id, String source, Instant start, Outcome outcome) {
        return call(id, source, start, outcome, LINE);
    }

    private static Cdr call(String id, String source, Instant start, Outcome outcome, String line) {
        Cdr.Builder cdr = Cdr.newBuilder().setCallId(id).setLine(line).setSource(source).setStartTime(start)
                .setEndTime(start.plusSeconds(60)).setOutcome(outcome);
        if (outcome == Outcome.ANSWERED) {
            cdr.setQueueTime(start).setAnswerTime(start.plusSeconds(5));
        }
        return cdr.build();
    }

    private static ProducerRecord<byte[], byte[]> cdr(String id, String source, Instant start, Outcome outcome) {
        return cdr(id, source, start, outcome, LINE);
    }

    private static ProducerRecord<byte[], byte[]> cdr(String id, String source, Instant start, Outcome outcome, String line) {
        return message(CdrWireFormat.encode(call(id, source, start, outcome, line)));
    }

    private static ProducerRecord<byte[], byte[]> message(byte[] value) {
        return new ProducerRecord<>("hotline.cdr", LINE.getBytes(StandardCharsets.UTF_8), value);
    }

    /** Where the job's rows go: nowhere, but alerts go to Alertmanager delivery as in {@code run}. */
    private record ScrapeSinks(JobConfig config) implements JobSinks {
        @Override
        public void metrics(DataStream<WindowMetrics> rows) {
            rows.sinkTo(new DiscardingSink<>());
        }

        @Override
        public void rejected(DataStream<DeadLetter> records) {
            records.sinkTo(new DiscardingSink<>());
        }

        @Override
        public void late(DataStream<DeadLetter> records) {
            records.sinkTo(new DiscardingSink<>());
        }

        @Override
        public void alerts(DataStream<Alert> changes) {
            AlertmanagerSink.attach(changes, config.alertmanager(), Map.of());
        }
    }
}
