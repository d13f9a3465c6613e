package org.hotlinepulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotlinepulse.ingest.FreeswitchCsvRows.caller;
import static org.hotlinepulse.ingest.FreeswitchCsvRows.callId;
import static org.hotlinepulse.ingest.FreeswitchCsvRows.row;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.cdr.CdrWireFormat;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.cdr.asterisk.AsteriskCsvReader;
import org.hotlinepulse.cdr.asterisk.AsteriskWrites;
import org.hotlinepulse.testing.InProcessKafka;
import org.hotlinepulse.testing.SettableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest --follow} against a real broker, with a writer thread that appends (splitting a line across
 * writes), rotates by rename and by copy-and-truncate, and is killed mid-line, while ingest itself is stopped and
 * restarted from its state file: every valid record is in Kafka exactly once, nothing raw is written anywhere.
 */
class FollowIntegrationTest {

    private static final CallerPseudonymiser KEY =
            new CallerPseudonymiser("follow test key, thirty-two bytes or more".getBytes(StandardCharsets.UTF_8));
    private static final CdrInputOptions PBX = new CdrInputOptions("freeswitch", ZoneId.of("Asia/Shanghai"), List.of(), null);
    private static final long DEADLINE_MS = 120_000;

    @TempDir
    Path dir;

    private final class Ingester implements AutoCloseable {
        final AtomicBoolean stop = new AtomicBoolean();
        final KafkaIngestOutput output;
        final Follow follow;
        final CompletableFuture<Void> done;

        Ingester(InProcessKafka kafka, Path file, Path stateFile, PrintStream errors) throws IOException {
            Properties client = new Properties();
            client.put("bootstrap.servers", kafka.bootstrapServers());
            output = KafkaIngestOutput.transactional(client, "follow.cdr", "follow.rejected", null, "follow-test",
                    "follow.positions");
            follow = new Follow(CdrFormat.FREESWITCH_CSV, KEY, PBX, output, List.of(file),
                    FollowState.load(stateFile).newerOf(output.lastCommittedPositions()), errors);
            done = CompletableFuture.runAsync(() -> {
                try {
                    follow.run(stop, 20);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        @Override
        public void close() throws Exception {
            stop.set(true);
            done.get(60, TimeUnit.SECONDS);
            output.close();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + DEADLINE_MS;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void everyRecordExactlyOnceThroughRotationAndRestart() throws Exception {
        try (InProcessKafka kafka = new InProcessKafka()) {
            kafka.createTopics(Map.of("follow.cdr", 2, "follow.rejected", 1));
            Path file = dir.resolve("Master.csv");
            Path stateFile = dir.resolve("ingest.state");
            ByteArrayOutputStream errorBytes = new ByteArrayOutputStream();
            PrintStream errors = new PrintStream(errorBytes, true, StandardCharsets.UTF_8);
            AtomicLong publishedBefore = new AtomicLong();
            Ingester[] ingester = {new Ingester(kafka, file, stateFile, errors)};
            BooleanSupplier caughtUp = () -> {
                try {
                    FilePosition p = FollowState.load(stateFile).get(file);
                    return p != null && Files.exists(file) && p.offset() == Files.size(file)
                            && p.identity().equals(FileFollower.identity(file));
                } catch (IOException e) {
                    return false;
                }
            };
            CountDownLatch restartIngest = new CountDownLatch(1);
            CountDownLatch ingestRestarted = new CountDownLatch(1);

            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    StringBuilder first = new StringBuilder();
                    for (int i = 1; i <= 50; i++) {
                        first.append(row(i));
                    }
                    append(file, first.toString());
                    String split = row(51);
                    append(file, split.substring(0, 40));
                    await("the first 50 records", () -> published(ingester[0], publishedBefore) >= 50);
                    append(file, split.substring(40));
                    for (int i = 52; i <= 70; i++) {
                        append(file, row(i));
                    }
                    Files.move(file, dir.resolve("Master.csv.1"));
                    for (int i = 71; i <= 90; i++) {
                        append(file, row(i));
                    }
                    restartIngest.countDown();
                    ingestRestarted.await();
                    for (int i = 91; i <= 100; i++) {
                        append(file, row(i));
                    }
                    await("ingest to catch up before copytruncate", caughtUp);
                    Files.copy(file, dir.resolve("Master.csv.2"), StandardCopyOption.REPLACE_EXISTING);
                    Files.write(file, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
                    for (int i = 101; i <= 110; i++) {
                        append(file, row(i));
                    }
                    // Killed mid-line: the restarted writer begins on a new line, the cut line stays broken.
                    append(file, row(111).substring(0, 30));
                    append(file, "\n");
                    for (int i = 112; i <= 120; i++) {
                        append(file, row(i));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            assertThat(restartIngest.await(DEADLINE_MS, TimeUnit.MILLISECONDS)).isTrue();
            ingester[0].close();
            publishedBefore.set(ingester[0].follow.counts().published());
            ingester[0] = new Ingester(kafka, file, stateFile, errors);
            ingestRestarted.countDown();
            writer.get(DEADLINE_MS, TimeUnit.MILLISECONDS);
            await("all 119 valid records", () -> published(ingester[0], publishedBefore) >= 119);
            long rejected = ingester[0].follow.counts().rejected();
            ingester[0].close();

            List<ConsumerRecord<byte[], byte[]>> messages = kafka.readAll("follow.cdr");
            Map<String, Integer> times = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> m : messages) {
                Cdr cdr = CdrWireFormat.decode(m.value());
                times.merge(cdr.getCallId(), 1, Integer::sum);
            }
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 120; i++) {
                if (i != 111) {
                    expected.add(callId(i));
                }
            }
            assertThat(times.keySet()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(times.values()).allMatch(n -> n == 1);
            assertThat(rejected).isEqualTo(1);
            assertThat(kafka.readAll("follow.rejected")).hasSize(1);

            List<String> written = new ArrayList<>(List.of(errorBytes.toString(StandardCharsets.UTF_8),
                    Files.readString(stateFile)));
            for (ConsumerRecord<byte[], byte[]> m : kafka.readAll("follow.rejected")) {
                written.add(new String(m.value(), StandardCharsets.ISO_8859_1));
            }
            for (int i = 1; i <= 120; i++) {
                String number = caller(i);
                assertThat(written).allSatisfy(text -> assertThat(text).doesNotContain(number));
            }
        }
    }

    /**
     * Appends write {@code i} and those Asterisk makes at the same moment to the same file (a channel's records
     * when it hangs up) in one write; returns the index of the last.
     */
    private static int writeTogether(List<AsteriskWrites.Write> writes, int i, Path master, Path queueLog)
            throws IOException {
        AsteriskWrites.Write w = writes.get(i);
        StringBuilder text = new StringBuilder(w.line()).append('\n');
        while (i + 1 < writes.size() && writes.get(i + 1).at().equals(w.at())
                && writes.get(i + 1).master() == w.master()) {
            text.append(writes.get(++i).line()).append('\n');
        }
        append(w.master() ? master : queueLog, text.toString());
        return i;
    }

    /** Polls until two rounds in a row find nothing new (the second ends the last channel's run of records). */
    private static void pollUntilQuiet(Follow follow) throws IOException {
        int quiet = 0;
        while (quiet < 2) {
            quiet = follow.pollOnce() ? 0 : quiet + 1;
        }
    }

    @Test
    void anAsteriskMasterCsvFollowedWithItsQueueLog_everyCallOnce_afterAKillBeforeTheStateFileWasWritten_andARotation()
            throws Exception {
        try (InProcessKafka kafka = new InProcessKafka()) {
            kafka.createTopics(Map.of("ast.cdr", 2, "ast.rejected", 1, "ast.positions", 1));
            Path master = dir.resolve("Master.csv");
            Path queueLog = dir.resolve("queue_log");
            Path stateFile = dir.resolve("ast.state");
            CdrInputOptions pbx = new CdrInputOptions(null, ZoneId.of("Asia/Shanghai"),
                    List.of(queueLog.toString()), null);
            Properties client = new Properties();
            client.put("bootstrap.servers", kafka.bootstrapServers());
            List<AsteriskWrites.Write> writes = AsteriskWrites.ofTheCases();
            // Killed, and Master.csv rotated, where no call is in progress: its CDRs are those of two files.
            int half = writes.size() / 2;
            while (!writes.get(half - 1).at().plus(Duration.ofMinutes(5)).isBefore(writes.get(half).at())) {
                half++;
            }
            ByteArrayOutputStream errorBytes = new ByteArrayOutputStream();
            PrintStream errors = new PrintStream(errorBytes, true, StandardCharsets.UTF_8);

            KafkaIngestOutput first = KafkaIngestOutput.transactional(client, "ast.cdr", "ast.rejected", null,
                    "ast-follow", "ast.positions");
            // Asterisk writes as calls end: the clock is the time of each write.
            SettableClock clock = new SettableClock(writes.get(0).at());
            Follow following = new Follow(CdrFormat.ASTERISK_CSV, KEY, pbx, first, List.of(master),
                    FollowState.load(stateFile), errors, clock);
            byte[] staleState = null;
            for (int i = 0; i < half; i++) {
                clock.set(writes.get(i).at());
                i = writeTogether(writes, i, master, queueLog);
                pollUntilQuiet(following);
                if (staleState == null && i >= half / 2) {
                    staleState = Files.readAllBytes(stateFile);
                }
            }
            // Killed: the state file is older than the last commit, and a piece was sent but never committed.
            Files.write(stateFile, staleState);
            Files.move(master, dir.resolve("Master.csv.1"));
            Cdr uncommitted = CdrWireFormat.decode(kafka.readAll("ast.cdr").get(0).value());
            uncommitted.put("call_id", "asterisk:never-committed");
            first.publish(uncommitted);
            first.flush();

            try (KafkaIngestOutput second = KafkaIngestOutput.transactional(client, "ast.cdr", "ast.rejected", null,
                    "ast-follow", "ast.positions")) {
                following = new Follow(CdrFormat.ASTERISK_CSV, KEY, pbx, second, List.of(master),
                        FollowState.load(stateFile).newerOf(second.lastCommittedPositions()), errors, clock);
                for (int i = half; i < writes.size(); i++) {
                    clock.set(writes.get(i).at());
                    i = writeTogether(writes, i, master, queueLog);
                    pollUntilQuiet(following);
                }
                clock.set(writes.get(writes.size() - 1).at().plus(Duration.ofHours(1)));
                pollUntilQuiet(following);
            }

            Map<String, Cdr> expected = new TreeMap<>();
            try (AsteriskCsvReader reader =
                         new AsteriskCsvReader(Files.writeString(
                                 dir.resolve("whole-Master.csv"), AsteriskWrites.file(writes, true)), KEY, pbx)) {
                for (InputRecord r = reader.next(); r != null; r = reader.next()) {
                    expected.put(r.cdr.getCallId(), r.cdr);
                }
            }
            Map<String, Cdr> published = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> m : kafka.readAll("ast.cdr")) {
                Cdr cdr = CdrWireFormat.decode(m.value());
                assertThat(published.put(cdr.getCallId(), cdr)).as("published once: " + cdr.getCallId()).isNull();
                assertThat(new String(m.key(), StandardCharsets.UTF_8)).isEqualTo(cdr.getLine());
            }
            assertThat(published).hasSize(AsteriskWrites.CASES.size()).isEqualTo(expected);
            assertThat(kafka.readAll("ast.rejected")).isEmpty();
            String written = errorBytes.toString(StandardCharsets.UTF_8) + Files.readString(stateFile);
            for (AsteriskWrites.Write w : writes) {
                Matcher number = Pattern.compile("138\\d{8}").matcher(w.line());
                while (number.find()) {
                    assertThat(written).doesNotContain(number.group());
                }
            }
            first.close();
        }
    }

    private static long published(Ingester ingester, AtomicLong before) {
        return before.get() + ingester.follow.counts().published();
    }
}
