package org.hotlinepulse.bench;

import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.postgres.Migrations;
import org.hotlinepulse.simulate.SyntheticDirectory;
import org.hotlinepulse.testing.FlinkRestClient;
import org.hotlinepulse.testing.FlinkSessionCluster;
import org.hotlinepulse.testing.InProcessKafka;
import org.hotlinepulse.testing.Poll;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The live job's throughput on a multi-process Flink session cluster: a backlog of {@code bench.cdrs}
 * CDRs over {@code bench.lines} lines, produced into a {@value #PARTITIONS}-partition topic before the
 * job starts, drained into PostgreSQL at each parallelism of {@code bench.parallelisms} on as many
 * TaskManagers of one slot each (a fresh cluster, consumer group, checkpoint directory and tables per
 * run). The job is {@code hotline-pulse-job.jar} submitted through the REST API, checkpoints every 10 s.
 * Prints figures; asserts nothing.
 *
 * <p>{@code mvn -q -B package -DskipTests && mvn -q -B exec:exec -Dbench.main=org.hotlinepulse.bench.ClusterBenchmark
 * [-Dbench.cdrs=300000 -Dbench.lines=1000 -Dbench.parallelisms=1,2,4]}
 */
public final class ClusterBenchmark {
    private static final int PARTITIONS = 4;
    private static final long CDRS = Long.getLong("bench.cdrs", 300_000);
    private static final int LINES = Integer.getInteger("bench.lines", 1_000);
    private static final String PARALLELISMS = System.getProperty("bench.parallelisms", "1,2,4");

    public static void main(String[] args) throws Exception {
        JdbcConfig jdbc = BenchSupport.benchDatabase();
        Migrations.migrate(jdbc, Map.of());
        Path dir = Files.createTempDirectory("hotline-pulse-cluster-bench");
        SyntheticDirectory synthetic = new SyntheticDirectory(LINES, 50);
        synthetic.writeYaml(dir.resolve("directory.yaml"));
        try (InProcessKafka kafka = new InProcessKafka()) {
            kafka.createTopics(Map.of(Backlog.TOPIC, PARTITIONS, "metrics", PARTITIONS, "rejected", 1, "late", 1,
                    "alerts", 1));
            long counted = Backlog.produce(kafka, synthetic.numbers(), CDRS, PARTITIONS);
            for (String p : PARALLELISMS.split(",")) {
                drain(Integer.parseInt(p.trim()), counted, kafka, jdbc, dir);
            }
        }
        System.exit(0);
    }

    private static void drain(int parallelism, long counted, InProcessKafka kafka, JdbcConfig jdbc, Path dir)
            throws Exception {
        BenchSupport.execute(jdbc, "TRUNCATE line_metrics, department_metrics, alerts");
        Path config = Files.writeString(dir.resolve("job-p" + parallelism + ".yaml"), """
                metrics:
                  max_out_of_orderness: 2s
                kafka:
                  bootstrap_servers: %s
                  group_id: cluster-bench-p%d
                  topics: {cdr: %s, rejected: rejected, late: late, metrics: metrics, alerts: alerts}
                jdbc:
                  url: %s
                  user: %s
                directory:
                  source: yaml
                  file: %s
                runtime:
                  checkpoint_interval: 10s
                  checkpoint_dir: %s
                  restart_backoff_initial: 1s
                  restart_backoff_max: 2s
                  quiet_partition_after: 30s
                  parallelism: %d
                """.formatted(kafka.bootstrapServers(), parallelism, Backlog.TOPIC, jdbc.url(), jdbc.user(),
                dir.resolve("directory.yaml"), dir.resolve("checkpoints-p" + parallelism).toUri(), parallelism));
        try (FlinkSessionCluster cluster = FlinkSessionCluster.start(dir.resolve("flink-p" + parallelism),
                Path.of("target/cluster-bench/p" + parallelism), FlinkSessionCluster.JOB_JAR, parallelism)) {
            FlinkRestClient rest = cluster.rest();
            long submitted = System.nanoTime();
            String job = rest.submit(FlinkSessionCluster.JOB_JAR, FlinkSessionCluster.ENTRY_CLASS,
                    List.of("--config", config.toString()));
            long running = Poll.until("the job runs", Duration.ofMinutes(2), () -> rest.allTasksRunning(job));
            long drained = Poll.until("the backlog is counted", Duration.ofMinutes(20),
                    () -> Backlog.countedInPostgres(jdbc) >= counted);
            System.out.printf(Locale.ROOT, "cluster p%d (%d TaskManagers of 1 slot): %d CDRs (%d counted) over %d lines"
                            + " from %d partitions, Kafka -> PostgreSQL, checkpoints every 10 s: %.1f s from submission"
                            + " (%.0f CDR/s), %.1f s from all tasks running (%.0f CDR/s)%n",
                    parallelism, parallelism, CDRS, counted, LINES, PARTITIONS, (drained - submitted) / 1e9,
                    CDRS / ((drained - submitted) / 1e9), (drained - running) / 1e9,
                    CDRS / ((drained - running) / 1e9));
            rest.cancel(job);
        }
    }
}
