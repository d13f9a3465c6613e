package org.hotlinepulse.live;

import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.hotlinepulse.alerts.AlertBytes;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.cdr.CdrWireFormat;
import org.hotlinepulse.config.AlertsConfig;
import org.hotlinepulse.config.AlertmanagerConfig;
import org.hotlinepulse.config.DirectorySourceConfig;
import org.hotlinepulse.config.JdbcConfig;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.config.KafkaConfig;
import org.hotlinepulse.config.RuntimeConfig;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.metrics.WindowMetrics;
import org.hotlinepulse.postgres.DirectorySeeder;
import org.hotlinepulse.postgres.Migrations;
import org.hotlinepulse.postgres.PostgresDirectoryLoader;
import org.hotlinepulse.postgres.TemporaryDatabase;
import org.hotlinepulse.testing.InProcessKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The line directory edited in PostgreSQL (its production source, {@code line_directory}) while the
 * live job runs: a line moves to another department, and a number that was called while it was in
 * no directory entry is added. What the metrics tables hold before and after, window by window.
 *
 * <p>Event time is driven by the CDRs alone (one partition reading an old day, which counts as a
 * backlog and is never idle during the test), so which minutes are closed when the directory
 * changes is exact: minutes 0–4 of the hour are closed, minute 5 is open.
 *
 * <p>What the job does, and this test pins (docs/metrics.md "Decisions", a line that moves): a closed
 * minute goes to the department the line had when the minute closed, so a department's windows
 * hold the line's minutes that closed while the line was its own, and no call counts twice or
 * nowhere; a line row carries the department the line had when the row was last sent, so the
 * line's 15- and 60-minute rows that straddle the move, and a corrected 1-minute row from before
 * it, carry the new department with all of the line's calls.
 */
class DirectoryReloadIntegrationTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final TemporaryDatabase DATABASE = new TemporaryDatabase("reload");

    static final Path DIRECTORY = Path.of("src/test/resources/job/directory.yaml");
    static final String OLD = "zz-social-security";
    static final String NEW = "zz-12345";
    /** Moves from {@link #OLD} to {@link #NEW}. */
    static final String MOVED = "037167890001";
    /** In {@link #OLD} throughout. */
    static final String STAYING = "037167890002";
    /** In no directory entry, then added to {@link #NEW}. */
    static final String ADDED = "037100000009";
    /** Added with the change, in a department of its own: its first counted call shows that the job has the change. */
    static final String MARKER = "037100000099";
    static final String MARKER_DEPARTMENT = "zz-reload-marker";
    static final Instant HOUR = Instant.parse("2026-10-12T02:00:00Z");

    @Test
    void aLineMovedAndANumberAddedInPostgresCountForTheirNewDepartmentFromTheMinutesClosedAfterTheChange()
            throws Exception {
        JdbcConfig jdbc = DATABASE.config();
        Migrations.migrate(jdbc, Map.of());
        DirectorySeeder.seed(jdbc, Map.of(), Directory.load(DIRECTORY), true);
        try (InProcessKafka kafka = new InProcessKafka()) {
            kafka.createTopics(Map.of("hotline.cdr", 1, "metrics", 1, "rejected", 1, "late", 1, "alerts", 1));
            JobClient client = start(config(kafka, jdbc));
            try {
                produce(kafka, callsBeforeTheChange());
                awaitTables(jdbc, rowsBeforeTheChange());

                changeTheDirectory();
                awaitTheChangeInForce(kafka, jdbc);
                produce(kafka, callsAfterTheChange());
                awaitTables(jdbc, rowsAfterTheChange());

                awaitUnknownLineEpisode(kafka, ADDED);
            } finally {
                client.cancel().get();
            }
        }
    }

    /** Minutes 0–4 closed by the last call (minute 5), which stays open. */
    private static List<Cdr> callsBeforeTheChange() {
        List<Cdr> calls = new ArrayList<>();
        for (int minute = 0; minute <= 4; minute++) {
            calls.addAll(calls(MOVED, minute, 2));
            calls.addAll(calls(STAYING, minute, 1));
        }
        for (int minute = 1; minute <= 3; minute++) {
            calls.addAll(calls(ADDED, minute, 1));
        }
        // Minute 5 is still open when the directory changes: these close after it.
        calls.addAll(calls(MOVED, 5, 1));
        calls.addAll(calls(ADDED, 5, 1));
        calls.addAll(calls(STAYING, 5, 1));
        return inStartOrder(calls);
    }

    private static Map<String, String> rowsBeforeTheChange() {
        ExpectedRows rows = new ExpectedRows();
        for (int minute = 0; minute <= 4; minute++) {
            rows.line(MOVED, minute, 1, OLD, 2).line(STAYING, minute, 1, OLD, 1).department(OLD, minute, 1, 3);
        }
        return rows.rows;
    }

    /** What an operator does in SQL, in one transaction: moves a line, adds two. */
    private static void changeTheDirectory() throws Exception {
        try (Connection connection = DATABASE.connect(); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            sql.execute("INSERT INTO departments (id, name) VALUES ('" + MARKER_DEPARTMENT + "', '测试标记')");
            sql.execute("UPDATE line_directory SET department = '" + NEW + "' WHERE number = '" + MOVED + "'");
            sql.execute("INSERT INTO line_directory (number, department, hours) VALUES ('" + ADDED + "', '"
                    + NEW + "', '24x7'), ('" + MARKER + "', '" + MARKER_DEPARTMENT + "', '24x7')");
            connection.commit();
        }
    }

    /**
     * Calls the marker line in a closed minute until one of them makes a row: a call to a closed
     * minute sends its row at once, and a call to a number the job does not know makes none, so
     * the first row shows that every CDR produced from then on meets the new directory.
     */
    private static void awaitTheChangeInForce(InProcessKafka kafka, JdbcConfig jdbc) throws Exception {
        String markerRow = describe(Scope.line, MARKER, 0, 1);
        long deadline = System.currentTimeMillis() + 120_000;
        for (int attempt = 0; System.currentTimeMillis() < deadline; attempt++) {
            produce(kafka, List.of(call("marker-" + attempt, MARKER, HOUR.plusSeconds(30))));
            long next = System.currentTimeMillis() + 3_000;
            while (System.currentTimeMillis() < next) {
                if (tableRows(jdbc).containsKey(markerRow)) {
                    return;
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the job never counted a call to " + MARKER + " after it was added");
    }

    /** A late call to a minute closed before the change, the minutes after it, and one call closing the hour. */
    private static List<Cdr> callsAfterTheChange() {
        List<Cdr> calls = new ArrayList<>(List.of(call("late-" + MOVED, MOVED, HOUR.plusSeconds(3 * 60 + 40))));
        for (int minute = 6; minute <= 9; minute++) {
            calls.addAll(calls(MOVED, minute, 3));
            calls.addAll(calls(STAYING, minute, 1));
        }
        calls.addAll(calls(ADDED, 7, 1));
        calls.addAll(calls(ADDED, 8, 1));
        calls.addAll(calls(STAYING, 60, 1));
        return calls;
    }

    /**
     * Every row once the hour has closed (the marker's left out). MOVED: 10 calls in minutes 0–4
     * before the change, 1 in minute 5 (open at the change), 1 late in minute 3 and 12 in minutes
     * 6–9 after it. STAYING: one call a minute. ADDED: 4 calls while unknown, 2 after.
     */
    private static Map<String, String> rowsAfterTheChange() {
        ExpectedRows rows = new ExpectedRows();
        for (int minute : new int[] {0, 1, 2, 4}) {
            rows.line(MOVED, minute, 1, OLD, 2).department(OLD, minute, 1, 3);
        }
        // The late call corrects the minute's row, which is sent again with the line's department
        // now; its own count goes to the new department, the two counted before stay with the old one.
        rows.line(MOVED, 3, 1, NEW, 3).department(OLD, 3, 1, 3).department(NEW, 3, 1, 1);
        // Minute 5 closed after the change: its call, made before, counts for the new department.
        rows.line(MOVED, 5, 1, NEW, 1).department(OLD, 5, 1, 1).department(NEW, 5, 1, 1);
        for (int minute = 6; minute <= 9; minute++) {
            // The old department's minutes after the move: STAYING's call, none of MOVED's.
            rows.line(MOVED, minute, 1, NEW, 3).department(OLD, minute, 1, 1);
        }
        rows.department(NEW, 6, 1, 3).department(NEW, 7, 1, 4).department(NEW, 8, 1, 4).department(NEW, 9, 1, 3);
        for (int minute = 0; minute <= 9; minute++) {
            rows.line(STAYING, minute, 1, OLD, 1);
        }
        rows.line(ADDED, 7, 1, NEW, 1).line(ADDED, 8, 1, NEW, 1);
        for (int minutes : new int[] {15, 60}) {
            // A line's straddling window: all of its calls, under the department it has now.
            rows.line(MOVED, 0, minutes, NEW, 24).line(STAYING, 0, minutes, OLD, 10).line(ADDED, 0, minutes, NEW, 2);
            // A department's: its lines' minutes while they were its own. 20 + 16 = 24 + 10 + 2.
            rows.department(OLD, 0, minutes, 5 * 2 + 10).department(NEW, 0, minutes, 1 + 1 + 12 + 2);
        }
        return rows.rows;
    }

    /** The metrics rows a test expects, in the form {@link #tableRows} gives them. */
    private static final class ExpectedRows {
        final Map<String, String> rows = new TreeMap<>();

        ExpectedRows line(String number, int minute, int minutes, String department, long attempts) {
            rows.put(describe(Scope.line, number, minute, minutes), department + " " + attempts);
            return this;
        }

        ExpectedRows department(String id, int minute, int minutes, long attempts) {
            rows.put(describe(Scope.department, id, minute, minutes), String.valueOf(attempts));
            return this;
        }
    }

    /** The metrics tables' rows: "line 037167890001 +3min 1m" → "zz-12345 3" (a department row's: "3"). */
    private static Map<String, String> tableRows(JdbcConfig jdbc) throws Exception {
        Map<String, String> rows = new TreeMap<>();
        for (WindowMetrics row : MetricRows.windowsInTables(jdbc)) {
            String attempts = String.valueOf(row.counts.attempts);
            rows.put(describe(row), row.scope == Scope.line ? row.department + " " + attempts : attempts);
        }
        return rows;
    }

    private static Map<String, String> withoutTheMarker(Map<String, String> rows) {
        rows.keySet().removeIf(key -> key.contains(" " + MARKER + " ") || key.contains(" " + MARKER_DEPARTMENT + " "));
        return rows;
    }

    /** A row's window named by its start in minutes after {@link #HOUR} and its size, e.g. "line 037167890001 +3min 1m". */
    private static String describe(Scope scope, String key, int minute, int minutes) {
        return scope + " " + key + " +" + minute + "min " + minutes + "m";
    }

    private static String describe(WindowMetrics row) {
        return describe(row.scope, row.key, (int) ((row.windowStart - HOUR.toEpochMilli()) / 60_000), row.windowMinutes);
    }

    /** Waits until the tables hold exactly {@code expected}, the marker's rows aside. */
    private static void awaitTables(JdbcConfig jdbc, Map<String, String> expected) throws Exception {
        Map<String, String> rows = withoutTheMarker(tableRows(jdbc));
        long deadline = System.currentTimeMillis() + 120_000;
        while (!rows.equals(expected) && System.currentTimeMillis() < deadline) {
            Thread.sleep(300);
            rows = withoutTheMarker(tableRows(jdbc));
        }
        assertThat(rows).isEqualTo(expected);
    }

    /** {@code count} answered calls of {@code line} starting in minute {@code minute} of the hour. */
    private static List<Cdr> calls(String line, int minute, int count) {
        List<Cdr> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(call(line + "-" + minute + "-" + i, line, HOUR.plusSeconds(60L * minute + 10 + 10 * i)));
        }
        return calls;
    }

    private static Cdr call(String id, String line, Instant start) {
        return Cdr.newBuilder().setCallId(id).setLine(line).setStartTime(start)
                .setAnswerTime(start.plusSeconds(5)).setEndTime(start.plusSeconds(30))
                .setOutcome(Outcome.ANSWERED).build();
    }

    private static List<Cdr> inStartOrder(List<Cdr> calls) {
        return calls.stream().sorted(Comparator.comparing(Cdr::getStartTime)).toList();
    }

    private static void produce(InProcessKafka kafka, List<Cdr> calls) throws Exception {
        List<ProducerRecord<byte[], byte[]>> messages = new ArrayList<>();
        for (Cdr cdr : calls) {
            messages.add(new ProducerRecord<>("hotline.cdr", cdr.getLine().getBytes(StandardCharsets.UTF_8),
                    CdrWireFormat.encode(cdr)));
        }
        kafka.produce("hotline.cdr", messages);
    }

    /**
     * Its calls of minutes 1–3, judged while it was unknown, raise UNKNOWN_LINE at the third
     * (contract §6). The detector judges a call when event time passes it, with the directory of
     * that moment: the call of minute 5, made before the change but judged after it, is the first
     * attempt to a listed number and ends the episode (docs/alerts.md, UNKNOWN_LINE).
     */
    private static void awaitUnknownLineEpisode(InProcessKafka kafka, String number) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        List<Alert> changes = unknownLineAlerts(kafka, number);
        while (changes.stream().noneMatch(a -> a.getState() == AlertState.RESOLVED)
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(300);
            changes = unknownLineAlerts(kafka, number);
        }
        Instant third = HOUR.plusSeconds(3 * 60 + 10);
        assertThat(changes).as("UNKNOWN_LINE of %s", number)
                .extracting(Alert::getState, Alert::getStartsAt, Alert::getEndsAt)
                .containsExactly(tuple(AlertState.FIRING, third, null),
                        tuple(AlertState.RESOLVED, third, HOUR.plusSeconds(5 * 60 + 10)));
    }

    private static List<Alert> unknownLineAlerts(InProcessKafka kafka, String number) throws Exception {
        List<Alert> alerts = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> message : kafka.readAll("alerts")) {
            Alert alert = AlertBytes.decode(message.value());
            if (alert.getType() == AlertType.UNKNOWN_LINE && number.equals(String.valueOf(alert.getLine()))) {
                alerts.add(alert);
            }
        }
        return alerts;
    }

    /**
     * The directory from PostgreSQL, read again every 300 ms; one partition, never idle while the
     * test runs (a backlog waits ten times {@code quiet_partition_after}), so event time is the
     * CDRs' alone.
     */
    private static JobConfig config(InProcessKafka kafka, JdbcConfig jdbc) {
        return new JobConfig(
                JobConfig.DEFAULTS.metrics().withMaxOutOfOrderness(Duration.ofSeconds(1)),
                new KafkaConfig(kafka.bootstrapServers(), "reload",
                        new KafkaConfig.Topics("hotline.cdr", "rejected", "late", "metrics", "alerts"), Map.of()),
                jdbc,
                new DirectorySourceConfig(DirectorySourceConfig.Source.POSTGRES, null, Duration.ofMillis(300)),
                new RuntimeConfig(Duration.ofSeconds(1), null, null, Duration.ofSeconds(1),
                        Duration.ofSeconds(2), Duration.ofMinutes(10), Duration.ofMinutes(10), 1),
                AlertsConfig.DEFAULTS, AlertmanagerConfig.DEFAULTS);
    }

    private static JobClient start(JobConfig config) throws Exception {
        LiveJob job = new LiveJob(config, PostgresDirectoryLoader.load(config.jdbc(), Map.of()), Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(job.flinkConfiguration());
        job.buildOn(env, job.cdrSource(), new LiveSinks(config, Map.of()));
        return env.executeAsync("reload");
    }
}
