package org.hotlinepulse.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.hotlinepulse.alerts.AlertBytes;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.cdr.CdrJson;
import org.hotlinepulse.cdr.CdrWireFormat;
import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.postgres.PostgresConnections;
import org.hotlinepulse.replay.Replay;
import org.hotlinepulse.simulate.FaultSpec;
import org.hotlinepulse.simulate.SimulationSettings;
import org.hotlinepulse.simulate.SyntheticDirectory;
import org.hotlinepulse.simulate.TrafficSimulator;
import org.hotlinepulse.testing.AlertmanagerWebhook;
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
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The input and the expected output of the fault tests that run {@code run} as a process: four
 * hours of traffic on three lines of the test directory and one unknown number, with a line out
 * of service and a line constantly busy for a while, and what {@code replay} makes of the same
 * CDRs. The live job's watermark ends {@code max_out_of_orderness} behind the last start_time, so
 * the expectation is replay's output up to there: the rows of windows that ended by then and the
 * alert changes that happened before.
 */
final class FaultScenario {
    static final Path DIRECTORY = Path.of("src/test/resources/job/directory.yaml").toAbsolutePath();
    static final String CDR_TOPIC = "hotline.cdr";
    static final String METRICS_TOPIC = "hotline.metrics";
    static final String ALERTS_TOPIC = "hotline.alerts";
    private static final Instant FROM = Instant.parse("2026-10-12T00:30:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    final List<ProducerRecord<byte[], byte[]>> messages;
    final Map<String, String> expectedRows;
    /** "id FIRING" and "id RESOLVED" of every alert change expected on the topic, once each. */
    final List<String> expectedChanges;
    /** The expected state of each episode in the alerts table. */
    final Map<String, String> expectedEpisodes;

    private FaultScenario(List<ProducerRecord<byte[], byte[]>> messages, Map<String, String> expectedRows,
                          List<String> expectedChanges, Map<String, String> expectedEpisodes) {
        this.messages = messages;
        this.expectedRows = expectedRows;
        this.expectedChanges = expectedChanges;
        this.expectedEpisodes = expectedEpisodes;
    }

    /** Simulates the traffic and replays it in {@code dir}. */
    static FaultScenario build(Path dir) throws Exception {
        Directory traffic = SyntheticDirectory.alwaysOpen(List.of("037167890001", "037167890002", "12345",
                "037199999999"));
        TrafficSimulator simulator = new TrafficSimulator(traffic, new SimulationSettings(11, FROM,
                Duration.ofHours(4), 150.0, null, FaultSpec.parse(
                        "out-of-service:12345@+1h..+1h30m;busy:037167890002@+2h..+2h40m", FROM, traffic)));
        List<ProducerRecord<byte[], byte[]>> messages = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        long lastStart = Long.MIN_VALUE;
        while (simulator.hasNext()) {
            Cdr cdr = simulator.next();
            messages.add(new ProducerRecord<>(CDR_TOPIC, cdr.getLine().getBytes(StandardCharsets.UTF_8),
                    CdrWireFormat.encode(cdr)));
            lines.add(CdrJson.toJson(cdr));
            lastStart = Math.max(lastStart, cdr.getStartTime().toEpochMilli());
        }
        Path cdrs = Files.write(dir.resolve("cdrs.jsonl"), lines);
        Path out = dir.resolve("replay");
        new Replay(JobConfig.DEFAULTS, Directory.load(DIRECTORY), List.of(cdrs), CdrFormat.JSONL,
                new CallerPseudonymiser(new byte[32]), out, 1).run();

        long watermarkEnd = lastStart - JobConfig.DEFAULTS.metrics().maxOutOfOrderness().toMillis();
        Map<String, String> rows = new HashMap<>();
        MetricRows.ofReplay(out.resolve("metrics.csv")).forEach((key, row) -> {
            if (MetricRows.windowEnd(key) <= watermarkEnd) {
                rows.put(key, row);
            }
        });
        List<String> changes = new ArrayList<>();
        Map<String, String> episodes = new TreeMap<>();
        for (String line : Files.readAllLines(out.resolve("alerts.jsonl"))) {
            JsonNode episode = JSON.readTree(line);
            String id = episode.get("id").asText();
            if (Instant.parse(episode.get("starts_at").asText()).toEpochMilli() < watermarkEnd) {
                changes.add(id + " FIRING");
                episodes.put(id, "FIRING");
                JsonNode endsAt = episode.get("ends_at");
                if (!endsAt.isNull() && Instant.parse(endsAt.asText()).toEpochMilli() < watermarkEnd) {
                    changes.add(id + " RESOLVED");
                    episodes.put(id, "RESOLVED");
                }
            }
        }
        assertThat(episodes).as("the scenario pages").hasSizeGreaterThanOrEqualTo(3);
        assertThat(episodes).as("and some are resolved within it").containsValue("RESOLVED");
        return new FaultScenario(messages, rows, changes.stream().sorted().toList(), episodes);
    }

    /** Creates the job's topics, one partition each (one Kafka source reader, no idle split). */
    static void createTopics(InProcessKafka kafka) throws Exception {
        kafka.createTopics(Map.of(CDR_TOPIC, 1, METRICS_TOPIC, 1, ALERTS_TOPIC, 1,
                "hotline.cdr.rejected", 1, "hotline.cdr.late", 1));
    }

    /**
     * Writes a job configuration for {@code run}: the given brokers and database, checkpoints every
     * second into {@code checkpoints}, restarts backing off from 1 s to 5 s, and quiet partitions
     * that never follow the wall clock within a test (so the output ends where the input does).
     */
    static Path writeConfig(Path file, String bootstrapServers, JdbcConfig jdbc, Path checkpoints)
            throws Exception {
        return writeConfig(file, bootstrapServers, jdbc, checkpoints, null);
    }

    /** As {@link #writeConfig(Path, String, JdbcConfig, Path)}, paging through {@code alertmanager} when not null. */
    static Path writeConfig(Path file, String bootstrapServers, JdbcConfig jdbc, Path checkpoints,
                            String alertmanager) throws Exception {
        String alertmanagerSection = alertmanager == null ? "" : """
                alertmanager:
                  urls: [%s]
                  resend_interval: 2s
                  max_backoff: 2s
                """.formatted(alertmanager);
        return Files.writeString(file, """
                kafka:
                  bootstrap_servers: %s
                  group_id: fault-test
                jdbc:
                  url: %s
                  user: %s
                directory:
                  source: yaml
                  file: %s
                  reload_interval: 10m
                runtime:
                  checkpoint_interval: 1s
                  checkpoint_dir: %s
                  restart_backoff_initial: 1s
                  restart_backoff_max: 5s
                  restart_backoff_reset_after: 1m
                  quiet_partition_after: 30m
                  parallelism: 1
                """.formatted(bootstrapServers, jdbc.url(), jdbc.user(), DIRECTORY,
                checkpoints.toUri()) + alertmanagerSection);
    }

    /** What the job has written so far. */
    record Outputs(Map<String, String> topicRows, Map<String, String> tableRows, List<String> alertChanges,
                   Map<String, String> alertTable) {

        static Outputs read(InProcessKafka kafka, JdbcConfig jdbc) throws Exception {
            List<String> changes = new ArrayList<>();
            for (var message : kafka.readAll(ALERTS_TOPIC)) {
                Alert alert = AlertBytes.decode(message.value());
                changes.add(alert.getId() + " " + alert.getState());
            }
            Map<String, String> table = new TreeMap<>();
            try (Connection c = PostgresConnections.open(jdbc, Map.of()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, state FROM alerts")) {
                while (rs.next()) {
                    table.put(rs.getString(1), rs.getString(2));
                }
            }
            return new Outputs(MetricRows.ofTopic(kafka.readAll(METRICS_TOPIC)), MetricRows.ofTables(jdbc),
                    changes.stream().sorted().toList(), table);
        }

        boolean match(FaultScenario expected) {
            return topicRows.equals(expected.expectedRows) && tableRows.equals(expected.expectedRows)
                    && alertChanges.equals(expected.expectedChanges) && alertTable.equals(expected.expectedEpisodes);
        }

        void assertMatch(FaultScenario expected) {
            assertThat(tableRows).as("PostgreSQL rows").hasSize(expected.expectedRows.size())
                    .isEqualTo(expected.expectedRows);
            assertThat(topicRows).as("rows on the metrics topic").hasSize(expected.expectedRows.size())
                    .isEqualTo(expected.expectedRows);
            assertThat(alertChanges).as("each (id, state) on the alerts topic exactly once")
                    .isEqualTo(expected.expectedChanges);
            assertThat(alertTable).as("the alerts table").isEqualTo(expected.expectedEpisodes);
        }
    }

    /** Waits until the job has written at least {@code rows} rows to the tables, so that a fault falls mid-stream. */
    static void awaitRowsInTables(JdbcConfig jdbc, int rows) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (MetricRows.ofTables(jdbc).size() < rows) {
            assertThat(System.currentTimeMillis()).as("%d rows are written", rows).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /**
     * Pages counted at a real Alertmanager, through its webhook: no episode is paged firing twice
     * or resolved twice across a fault (an episode that fired and resolved within one checkpoint
     * is not paged at all, docs/operations.md), and the episodes still open are paged firing.
     * Prints the pages, prefixed with {@code test}.
     */
    void assertPagedOnce(AlertmanagerWebhook pager, String test) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && expectedEpisodes.entrySet().stream()
                .anyMatch(e -> e.getValue().equals("FIRING") && pager.pages(e.getKey(), "firing") == 0)) {
            Thread.sleep(200);
        }
        Thread.sleep(3_000); // Alertmanager's group interval is 1 s: a second page would be out by now.
        for (Map.Entry<String, String> episode : expectedEpisodes.entrySet()) {
            String id = episode.getKey();
            int firing = pager.pages(id, "firing");
            assertThat(firing).as("firing pages of %s", id).isLessThanOrEqualTo(1);
            if (episode.getValue().equals("FIRING")) {
                assertThat(firing).as("the open episode %s is paged", id).isEqualTo(1);
            }
            assertThat(pager.pages(id, "resolved")).as("resolved pages of %s", id).isLessThanOrEqualTo(1);
        }
        System.out.printf("%s: pages at Alertmanager's webhook: %s%n", test,
                expectedEpisodes.keySet().stream().map(id -> id.substring(0, 8) + " firing "
                        + pager.pages(id, "firing") + " resolved " + pager.pages(id, "resolved")).toList());
    }

    /** Polls the outputs until they match the expectation or {@code timeout} passes; returns the last read. */
    Outputs awaitOutputs(InProcessKafka kafka, JdbcConfig jdbc, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Outputs outputs = Outputs.read(kafka, jdbc);
        while (!outputs.match(this) && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            outputs = Outputs.read(kafka, jdbc);
        }
        return outputs;
    }
}
