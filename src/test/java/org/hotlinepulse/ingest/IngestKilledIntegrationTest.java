package org.hotlinepulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotlinepulse.ingest.FreeswitchCsvRows.caller;
import static org.hotlinepulse.ingest.FreeswitchCsvRows.callId;
import static org.hotlinepulse.ingest.FreeswitchCsvRows.row;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrWireFormat;
import org.hotlinepulse.config.JobConfigLoader;
import org.hotlinepulse.config.KafkaConfig;
import org.hotlinepulse.testing.InProcessKafka;
import org.hotlinepulse.testing.IngestProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest --follow} as a process of its own, killed with SIGKILL 3 to 5 times at random moments while a
 * writer keeps appending to the file it follows, and started again each time with the same state file. The writer
 * splits lines across writes, rotates by rename and by copy-and-truncate, and is itself killed once in the middle
 * of a line (its restart begins on a new line, so that line stays cut). Kills fall while the writer is in the
 * middle of a line, just before a rename rotation (the restart must finish the rotated file), as soon as a piece
 * of records reached Kafka (between Kafka's acknowledgement and the state file), and at a random moment of
 * publishing. In the end a read_committed consumer finds every valid record in Kafka exactly once, the cut line
 * rejected exactly once, and no raw caller number in anything ingest wrote: messages, state file, its output.
 *
 * <p>The moments come from a seed, printed at the start; {@code -DingestKilled.seed=N} runs the same plan again
 * (the processes' timing still differs from run to run). Each run's output is kept in
 * {@code target/fault-tests/ingest-killed-N.log}.
 */
class IngestKilledIntegrationTest {

    private static final String KEY = "ingest killed test key, thirty-two bytes or more";
    /** The topics ingest publishes to without --config. */
    private static final String CDR_TOPIC = KafkaConfig.Topics.DEFAULTS.cdr();
    private static final String REJECTED_TOPIC = KafkaConfig.Topics.DEFAULTS.rejected();
    private static final int ROWS = 3000;
    /** The rows a burst appends at once: one piece for ingest, several batches for its producer. */
    private static final int BURST_ROWS = 200;
    /** The rows written after the last kill, which the last run reads: it is up when it is stopped. */
    private static final int LAST_ROWS = 50;
    /** Rows between the writer's events; row {@code k * EVENT_SPACING} (k = 1..8) starts the slot of one event. */
    private static final int EVENT_SPACING = 300;
    /** The longest any one condition is waited for. */
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    /**
     * What the writer does before a row. The last two ask the test thread for a kill: as soon as the burst of rows
     * that the writer appends once the test thread watches Kafka reaches it; or a random moment of publishing.
     */
    private enum Event {
        ROTATE, KILL_AND_ROTATE, COPY_TRUNCATE, CUT_LINE, KILL_MID_LINE, KILL_AS_KAFKA_ACKS, KILL_WHILE_PUBLISHING
    }

    /** One SIGKILL: which, why then, when (ms since the first start), where the writer and the state file were. */
    private record Kill(int number, String when, long atEpochMillis, long atMillis, int writerRow, String state) {
        @Override
        public String toString() {
            return "kill #" + number + " (" + when + ", " + atMillis + " ms after the first start, writer at row "
                    + writerRow + ", state file then: " + state + ")";
        }
    }

    private static volatile long testStart = System.nanoTime();

    private static void log(String text) {
        System.out.printf("IngestKilledIntegrationTest [%5.1f s]: %s%n", (System.nanoTime() - testStart) / 1e9, text);
    }

    private interface Action {
        void run() throws Exception;
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyRecordIsInKafkaExactlyOnceAfterSigkillsAtRandomMoments() throws Exception {
        testStart = System.nanoTime();
        long seed = Long.getLong("ingestKilled.seed", new Random().nextLong());
        System.out.println("IngestKilledIntegrationTest: seed " + seed + " (-DingestKilled.seed=" + seed
                + " repeats the plan)");
        Random random = new Random(seed);
        Path file = dir.resolve("Master.csv");
        Path stateFile = dir.resolve("ingest.state");
        Files.createFile(file);
        NavigableMap<Integer, Event> plan = plan(random);
        System.out.println("IngestKilledIntegrationTest: plan " + plan);

        try (InProcessKafka kafka = new InProcessKafka()) {
            kafka.createTopics(Map.of(CDR_TOPIC, 2, REJECTED_TOPIC, 1));
            log("Kafka is up");
            Map<String, String> environment = Map.of(CallerPseudonymiser.KEY_VARIABLE, KEY,
                    JobConfigLoader.BOOTSTRAP_SERVERS_VARIABLE, kafka.bootstrapServers());
            try (Runs runs = new Runs(environment, file, stateFile);
                 CdrTopicEnd topicEnd = new CdrTopicEnd(kafka.bootstrapServers())) {
                Writer writer = new Writer(file, stateFile, runs, new Random(random.nextLong()), plan);
                runs.writer = writer;
                runs.start();
                CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                    try {
                        writer.write();
                    } catch (Exception e) {
                        throw new IllegalStateException("the writer failed at row " + writer.row, e);
                    }
                });
                long asked = plan.values().stream()
                        .filter(e -> e == Event.KILL_AS_KAFKA_ACKS || e == Event.KILL_WHILE_PUBLISHING).count();
                for (int k = 0; k < asked; k++) {
                    Event event = null;
                    long deadline = System.nanoTime() + 3 * WAIT.toNanos();
                    while (event == null && !writing.isDone() && System.nanoTime() < deadline) {
                        event = writer.killRequests.poll(100, TimeUnit.MILLISECONDS);
                    }
                    if (event == null) {
                        writing.getNow(null);
                        throw new AssertionError("the writer asked for no kill within " + 3 * WAIT.toSeconds()
                                + " s (at row " + writer.row + ")");
                    }
                    killWhilePublishing(runs, writer, topicEnd, random, event == Event.KILL_AS_KAFKA_ACKS);
                }
                writer.killsDone.countDown();
                writing.get(3 * WAIT.toSeconds(), TimeUnit.SECONDS);
                log("the writer is done");
                awaitCondition("ingest to read all " + ROWS + " rows", runs,
                        () -> writer.caughtUp(true) && runs.wroteStateSince(runs.startedAt()));
                log("ingest read everything");
                IngestProcess last = runs.current();
                int exit = last.stop();
                log("ingest stopped with SIGTERM, exit code " + exit);
                assertThat(last.output()).as("the last run's output, stopped with SIGTERM (exit code " + exit + ")")
                        .contains("ingest: read ");
                check(kafka, runs, writer, stateFile, seed);
            }
        }
    }

    /**
     * Up to 8 events at random rows, at least {@link #EVENT_SPACING} / 2 apart: both rotations by rename (one
     * with a kill), a copy-and-truncate, the cut line, a kill mid-line, and 1 to 3 kills while publishing.
     */
    private static NavigableMap<Integer, Event> plan(Random random) {
        List<Event> events = new ArrayList<>(List.of(Event.ROTATE, Event.KILL_AND_ROTATE, Event.COPY_TRUNCATE,
                Event.CUT_LINE, Event.KILL_MID_LINE, Event.KILL_AS_KAFKA_ACKS));
        int more = random.nextInt(3);
        for (int k = 0; k < more; k++) {
            events.add(random.nextBoolean() ? Event.KILL_AS_KAFKA_ACKS : Event.KILL_WHILE_PUBLISHING);
        }
        Collections.shuffle(events, random);
        List<Integer> slots = IntStream.rangeClosed(1, 8).boxed().collect(Collectors.toList());
        Collections.shuffle(slots, random);
        NavigableMap<Integer, Event> plan = new TreeMap<>();
        for (int k = 0; k < events.size(); k++) {
            plan.put(slots.get(k) * EVENT_SPACING + random.nextInt(EVENT_SPACING / 2), events.get(k));
        }
        return plan;
    }

    /**
     * Waits until the running ingest is up and publishing (it wrote the state file), then until its next piece
     * reaches Kafka, and kills it then: at once (for {@link Event#KILL_AS_KAFKA_ACKS}, whose writer appends a burst
     * of rows once told that Kafka is watched: ingest is most likely between Kafka's first acknowledgement of the
     * burst's records and the state file), or after a random pause of up to 300 ms.
     */
    private static void killWhilePublishing(Runs runs, Writer writer, CdrTopicEnd topicEnd, Random random,
                                            boolean atOnce) throws Exception {
        long pause = atOnce ? 0 : 1 + random.nextInt(300);
        boolean burstAsked = false;
        while (true) {
            int run = runs.number();
            long started = runs.startedAt();
            awaitCondition("ingest run " + run + " to publish", runs,
                    () -> runs.number() != run || runs.wroteStateSince(started) || writer.caughtUp(true));
            if (runs.number() != run) {
                continue; // the writer had it killed meanwhile: wait for the next run
            }
            String when;
            if (writer.caughtUp(true)) {
                when = "after it read everything";
            } else {
                long end = topicEnd.total();
                if (atOnce && !burstAsked) {
                    writer.armed.release();
                    burstAsked = true;
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (topicEnd.total() == end && runs.number() == run && System.nanoTime() < deadline) {
                    runs.requireRunning();
                    Thread.sleep(1);
                }
                if (runs.number() != run) {
                    continue;
                }
                when = System.nanoTime() >= deadline ? "after 5 s in which nothing new reached Kafka"
                        : atOnce ? "as soon as a piece (the burst, likely) reached Kafka"
                        : pause + " ms after a piece reached Kafka";
                Thread.sleep(pause);
            }
            if (runs.killAndRestart(run, when, () -> { })) {
                return;
            }
        }
    }

    private static void awaitCondition(String what, Runs runs, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            runs.requireRunning();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + WAIT + " for " + what + "; runs: " + runs.kills);
            }
            Thread.sleep(10);
        }
    }

    /** The ingest processes one after the other: the running one, and the kills so far. */
    private static final class Runs implements AutoCloseable {
        final Map<String, String> environment;
        final Path file;
        final Path stateFile;
        final List<IngestProcess> processes = new ArrayList<>();
        final List<Kill> kills = Collections.synchronizedList(new ArrayList<>());
        Writer writer;
        private long firstStart;
        private long startedAt;
        private IngestProcess current;

        Runs(Map<String, String> environment, Path file, Path stateFile) {
            this.environment = environment;
            this.file = file;
            this.stateFile = stateFile;
        }

        synchronized void start() throws IOException {
            startedAt = System.currentTimeMillis();
            if (processes.isEmpty()) {
                firstStart = startedAt;
            }
            current = IngestProcess.start(environment,
                    Path.of("target/fault-tests/ingest-killed-" + (processes.size() + 1) + ".log"),
                    "--format", "freeswitch-csv", "--follow", "--state", stateFile.toString(),
                    "--poll-interval", "50ms", file.toString());
            processes.add(current);
            log("ingest run " + processes.size() + " started");
        }

        synchronized long startedAt() {
            return startedAt;
        }

        /** Whether the state file was written after {@code millis} (ingest publishes before it writes it). */
        boolean wroteStateSince(long millis) {
            try {
                return Files.getLastModifiedTime(stateFile).toMillis() > millis;
            } catch (IOException e) {
                return false;
            }
        }

        synchronized IngestProcess current() {
            return current;
        }

        /** The number of the running process, from 1. */
        synchronized int number() {
            return processes.size();
        }

        /** SIGKILL to the running process, {@code between}, and a new process. */
        synchronized void killAndRestart(String when, Action between) throws Exception {
            killAndRestart(number(), when, between);
        }

        /** The same, if process {@code run} is still the running one; false when it is not. */
        synchronized boolean killAndRestart(int run, String when, Action between) throws Exception {
            if (run != number()) {
                return false;
            }
            requireRunning();
            long at = System.currentTimeMillis();
            current.kill();
            FilePosition position = FollowState.load(stateFile).get(file);
            Kill kill = new Kill(kills.size() + 1, when, at, at - firstStart, writer.row,
                    position == null ? "no position yet" : "offset " + position.offset() + ", line "
                            + position.lines() + " of file " + position.identity());
            kills.add(kill);
            log(kill.toString());
            between.run();
            start();
            return true;
        }

        /** Fails with its output when the running process ended by itself (this test only ever kills it). */
        synchronized void requireRunning() throws Exception {
            if (!current.isAlive()) {
                throw new AssertionError("ingest run " + number() + " ended by itself with exit code "
                        + current.awaitExit(Duration.ofSeconds(1)) + "; it printed:\n" + current.output());
            }
        }

        @Override
        public synchronized void close() throws InterruptedException {
            if (current != null) {
                current.close();
            }
        }
    }

    /**
     * The writer, a PBX appending rows: batches of 1 to 20 rows every 10 to 30 ms, a third of them split across
     * two writes, and the events of the plan before their rows.
     */
    private static final class Writer {
        final Path file;
        final Path stateFile;
        final Runs runs;
        final Random random;
        final NavigableMap<Integer, Event> plan;
        final BlockingQueue<Event> killRequests = new LinkedBlockingQueue<>();
        /** Counted down when the test thread has done the kills asked for: the writer then writes its last rows. */
        final CountDownLatch killsDone = new CountDownLatch(1);
        /** Released when the test thread watches Kafka for a {@link Event#KILL_AS_KAFKA_ACKS}: then the burst. */
        final Semaphore armed = new Semaphore(0);
        /** True while the writer waits for {@link #killsDone}. */
        private volatile boolean holding;
        /** The rows cut by the writer's own death, and their line numbers in their file (for the rejections). */
        final Set<Integer> cutRows = new HashSet<>();
        final List<Long> cutLines = new ArrayList<>();
        /** The next row to write. */
        volatile int row = 1;
        private long linesInFile;
        private int rotations;

        Writer(Path file, Path stateFile, Runs runs, Random random, NavigableMap<Integer, Event> plan) {
            this.file = file;
            this.stateFile = stateFile;
            this.runs = runs;
            this.random = random;
            this.plan = plan;
        }

        void write() throws Exception {
            NavigableMap<Integer, Event> events = new TreeMap<>(plan);
            boolean held = false;
            while (row <= ROWS) {
                if (events.isEmpty() && !held && row > ROWS - LAST_ROWS) {
                    holding = true;
                    if (!killsDone.await(3 * WAIT.toSeconds(), TimeUnit.SECONDS)) {
                        throw new AssertionError("the test thread did not do its kills within " + 3 * WAIT.toSeconds()
                                + " s");
                    }
                    holding = false;
                    held = true;
                }
                Map.Entry<Integer, Event> event = events.firstEntry();
                if (event != null && event.getKey() <= row) {
                    events.pollFirstEntry();
                    event(event.getValue());
                    continue;
                }
                int until = event != null ? event.getKey() : held ? ROWS + 1 : ROWS - LAST_ROWS + 1;
                int n = Math.min(1 + random.nextInt(20), until - row);
                StringBuilder batch = new StringBuilder();
                for (int k = row; k < row + n; k++) {
                    batch.append(row(k));
                }
                if (random.nextInt(3) == 0) {
                    int split = 1 + random.nextInt(batch.length() - 1);
                    append(batch.substring(0, split));
                    Thread.sleep(1 + random.nextInt(15));
                    append(batch.substring(split));
                } else {
                    append(batch.toString());
                }
                linesInFile += n;
                row += n;
                Thread.sleep(10 + random.nextInt(21));
            }
        }

        /** Does the event; some write the next row themselves. */
        private void event(Event event) throws Exception {
            switch (event) {
                case ROTATE -> {
                    awaitOnCurrentFile();
                    rotate();
                }
                case KILL_AND_ROTATE -> {
                    writeUntilUp();
                    awaitOnCurrentFile();
                    runs.killAndRestart("just before a rename rotation, restarted after it", this::rotate);
                }
                case COPY_TRUNCATE -> {
                    awaitCondition("ingest to read all of the file before it is copied and truncated", runs,
                            () -> caughtUp(false));
                    long size = Files.size(file);
                    Files.copy(file, rotatedName());
                    Files.write(file, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
                    linesInFile = 0;
                    // Less than was read before: ingest must notice the truncation before the file outgrows it.
                    appendRow();
                    awaitCondition("ingest to notice the truncation", runs, () -> {
                        FilePosition p = position();
                        return p != null && p.offset() < size;
                    });
                }
                case CUT_LINE -> {
                    String text = row(row);
                    append(text.substring(0, 5 + random.nextInt(text.length() - 10)));
                    // The writer died mid-line; its restart begins on a new line.
                    append("\n");
                    cutRows.add(row++);
                    cutLines.add(++linesInFile);
                }
                case KILL_MID_LINE -> {
                    writeUntilUp();
                    String text = row(row);
                    int cut = 1 + random.nextInt(text.length() - 2);
                    append(text.substring(0, cut));
                    long lineStart = Files.size(file) - cut;
                    awaitCondition("ingest to read up to the line being written", runs, () -> {
                        FilePosition p = position();
                        return p != null && p.identity().equals(identity()) && p.offset() == lineStart;
                    });
                    runs.killAndRestart("while the writer was in the middle of row " + row
                            + " and ingest waited for its end", () -> { });
                    Thread.sleep(random.nextInt(200));
                    append(text.substring(cut));
                    linesInFile++;
                    row++;
                }
                case KILL_AS_KAFKA_ACKS -> {
                    killRequests.add(event);
                    long deadline = System.nanoTime() + 3 * WAIT.toNanos();
                    while (!armed.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                        if (System.nanoTime() > deadline) {
                            throw new AssertionError("the test thread did not watch Kafka within "
                                    + 3 * WAIT.toSeconds() + " s");
                        }
                        appendRow(); // so that a run just started has something to publish, and is seen up
                    }
                    int n = Math.max(0, Math.min(BURST_ROWS, ROWS - LAST_ROWS + 1 - row));
                    StringBuilder burst = new StringBuilder();
                    for (int k = row; k < row + n; k++) {
                        burst.append(row(k));
                    }
                    append(burst.toString());
                    linesInFile += n;
                    row += n;
                }
                case KILL_WHILE_PUBLISHING -> killRequests.add(event);
                default -> throw new IllegalStateException(event.name());
            }
        }

        /**
         * Appends a row every 100 ms until the running ingest wrote its state file (it is up and publishing), so
         * that a kill does not fall on a process still starting.
         */
        private void writeUntilUp() throws Exception {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!runs.wroteStateSince(runs.startedAt())) {
                runs.requireRunning();
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("ingest run " + runs.number() + " wrote no state within " + WAIT);
                }
                appendRow();
                Thread.sleep(100);
            }
        }

        private void appendRow() throws IOException {
            append(row(row++));
            linesInFile++;
        }

        /**
         * Rotation by rename, as logrotate does it, with the new file put in place atomically: the old file gets a
         * second name, then an empty file is renamed over the first. The name never disappears, so that a
         * restarted ingest always finds the file it was told to follow (it refuses to start without it).
         */
        private void rotate() throws IOException {
            Files.createLink(rotatedName(), file);
            Path fresh = file.resolveSibling(".Master.csv.new");
            Files.deleteIfExists(fresh);
            Files.createFile(fresh);
            Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            linesInFile = 0;
        }

        private Path rotatedName() {
            return file.resolveSibling(file.getFileName() + "." + ++rotations);
        }

        /** Before another rotation: ingest reads the file now under the name (the rotated one it finds). */
        private void awaitOnCurrentFile() throws Exception {
            awaitCondition("ingest to move on to the file now named " + file, runs, () -> {
                FilePosition p = position();
                return p != null && p.identity().equals(identity());
            });
        }

        /**
         * Whether the state file says ingest read all of the file now named so (and, with {@code writerIdle}, the
         * writer is done or waits for the test thread's kills).
         */
        boolean caughtUp(boolean writerIdle) {
            FilePosition p = position();
            try {
                return (!writerIdle || holding || row > ROWS) && p != null && p.identity().equals(identity())
                        && p.offset() == Files.size(file);
            } catch (IOException e) {
                return false;
            }
        }

        private FilePosition position() {
            try {
                return FollowState.load(stateFile).get(file);
            } catch (IOException e) {
                return null;
            }
        }

        private String identity() {
            try {
                return FileFollower.identity(file);
            } catch (IOException e) {
                return null;
            }
        }

        private void append(String text) throws IOException {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
    }

    /** The end offsets of the CDR topic, to see a piece reach Kafka. */
    private static final class CdrTopicEnd implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final List<TopicPartition> partitions;

        CdrTopicEnd(String bootstrapServers) {
            Properties props = new Properties();
            props.put("bootstrap.servers", bootstrapServers);
            consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            partitions = consumer.partitionsFor(CDR_TOPIC).stream()
                    .map(p -> new TopicPartition(CDR_TOPIC, p.partition())).toList();
        }

        long total() {
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    private static void check(InProcessKafka kafka, Runs runs, Writer writer, Path stateFile, long seed)
            throws Exception {
        List<ConsumerRecord<byte[], byte[]>> cdrs = kafka.readAll(CDR_TOPIC);
        List<ConsumerRecord<byte[], byte[]>> rejected = kafka.readAll(REJECTED_TOPIC);
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> copies = new TreeMap<>();
        Set<String> unknown = new HashSet<>();
        Map<String, Integer> rowOf = new HashMap<>();
        for (int i = 1; i <= ROWS; i++) {
            rowOf.put(callId(i), i);
        }
        for (ConsumerRecord<byte[], byte[]> m : cdrs) {
            String callId = CdrWireFormat.decode(m.value()).getCallId();
            Integer i = rowOf.get(callId);
            if (i == null) {
                unknown.add(callId);
            } else {
                copies.computeIfAbsent(i, k -> new ArrayList<>()).add(m);
            }
        }
        List<String> problems = new ArrayList<>();
        List<Integer> missing = IntStream.rangeClosed(1, ROWS)
                .filter(i -> !writer.cutRows.contains(i) && !copies.containsKey(i)).boxed().toList();
        if (!missing.isEmpty()) {
            problems.add(missing.size() + " valid records are missing from " + CDR_TOPIC + ": rows "
                    + ranges(missing) + " (call_id " + callId(missing.get(0)) + " and so on)");
        }
        List<Integer> cutPublished = writer.cutRows.stream().filter(copies::containsKey).sorted().toList();
        if (!cutPublished.isEmpty() || !unknown.isEmpty()) {
            problems.add("records that are no complete row were published: cut rows " + cutPublished
                    + ", unknown call_ids " + unknown);
        }
        problems.addAll(duplicates(copies, runs.kills));

        List<Long> rejectedLines = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> m : rejected) {
            Header position = m.headers().lastHeader("position");
            rejectedLines.add(position == null ? -1 : Long.parseLong(new String(position.value(),
                    StandardCharsets.UTF_8)));
        }
        if (!rejectedLines.stream().sorted().toList().equals(writer.cutLines.stream().sorted().toList())) {
            problems.add(REJECTED_TOPIC + " holds rejections of lines " + rejectedLines + " (position header), "
                    + "expected the cut line exactly once: lines " + writer.cutLines + " (rows "
                    + new TreeSet<>(writer.cutRows) + ")");
        }

        List<String> leaks = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> m : cdrs) {
            leaks.addAll(rawNumbers(CDR_TOPIC + " message " + m.partition() + "/" + m.offset(), m));
        }
        for (ConsumerRecord<byte[], byte[]> m : rejected) {
            leaks.addAll(rawNumbers(REJECTED_TOPIC + " message " + m.partition() + "/" + m.offset(), m));
        }
        leaks.addAll(rawNumbers("the state file", Files.readString(stateFile)));
        for (int k = 0; k < runs.processes.size(); k++) {
            IngestProcess process = runs.processes.get(k);
            leaks.addAll(rawNumbers("the output of run " + (k + 1) + " (" + process.log() + ")", process.output()));
        }
        if (!leaks.isEmpty()) {
            problems.add("raw caller numbers were written: " + leaks);
        }

        String summary = "seed " + seed + "; " + runs.kills.size() + " kills: " + runs.kills + "; " + cdrs.size()
                + " messages in " + CDR_TOPIC + " for " + (ROWS - writer.cutRows.size()) + " valid rows, "
                + rejected.size() + " in " + REJECTED_TOPIC;
        log(summary);
        assertThat(problems).withFailMessage("ingest --follow killed with SIGKILL did not leave every record "
                + "exactly once:\n- " + String.join("\n- ", problems) + "\n(" + summary + ")").isEmpty();
    }

    /**
     * The records in Kafka more than once, each extra copy put down to the kill it followed (the last kill before
     * the copy's timestamp, which the producer set: the run after that kill published it again).
     */
    private static List<String> duplicates(Map<Integer, List<ConsumerRecord<byte[], byte[]>>> copies,
                                           List<Kill> kills) {
        Map<Integer, List<Integer>> rowsByKill = new TreeMap<>();
        int extra = 0;
        for (Map.Entry<Integer, List<ConsumerRecord<byte[], byte[]>>> e : copies.entrySet()) {
            List<ConsumerRecord<byte[], byte[]>> sorted = new ArrayList<>(e.getValue());
            sorted.sort((a, b) -> Long.compare(a.timestamp(), b.timestamp()));
            for (ConsumerRecord<byte[], byte[]> copy : sorted.subList(1, sorted.size())) {
                int kill = 0;
                for (Kill k : kills) {
                    if (k.atEpochMillis() <= copy.timestamp()) {
                        kill = k.number();
                    }
                }
                rowsByKill.computeIfAbsent(kill, k -> new ArrayList<>()).add(e.getKey());
                extra++;
            }
        }
        if (extra == 0) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        long repeated = copies.values().stream().filter(c -> c.size() > 1).count();
        problems.add(repeated + " call_ids are in " + CDR_TOPIC + " more than once (" + extra + " extra copies)");
        for (Map.Entry<Integer, List<Integer>> e : rowsByKill.entrySet()) {
            List<Integer> rows = e.getValue();
            problems.add("  " + rows.size() + " published again "
                    + (e.getKey() == 0 ? "before any kill" : "after " + kills.get(e.getKey() - 1)) + ": rows "
                    + ranges(rows) + ", call_ids " + callId(rows.get(0)) + (rows.size() > 1 ? " to "
                    + callId(rows.get(rows.size() - 1)) : ""));
        }
        return problems;
    }

    /** Rows as ranges: {@code 1201-1260, 1302}. */
    private static String ranges(List<Integer> rows) {
        List<Integer> sorted = rows.stream().distinct().sorted().toList();
        List<String> parts = new ArrayList<>();
        int from = sorted.get(0);
        int to = from;
        for (int i : sorted.subList(1, sorted.size())) {
            if (i != to + 1) {
                parts.add(from == to ? "" + from : from + "-" + to);
                from = i;
            }
            to = i;
        }
        parts.add(from == to ? "" + from : from + "-" + to);
        return String.join(", ", parts);
    }

    private static List<String> rawNumbers(String where, ConsumerRecord<byte[], byte[]> m) {
        StringBuilder text = new StringBuilder();
        for (byte[] bytes : new byte[][] {m.key(), m.value()}) {
            text.append(bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1)).append('\n');
        }
        for (Header h : m.headers()) {
            text.append(h.key()).append('=').append(h.value() == null ? ""
                    : new String(h.value(), StandardCharsets.ISO_8859_1)).append('\n');
        }
        return rawNumbers(where, text.toString());
    }

    /** The callers' numbers (139 and 8 digits) in {@code text}, each with where it was found. */
    private static List<String> rawNumbers(String where, String text) {
        List<String> found = new ArrayList<>();
        for (int at = text.indexOf("139"); at >= 0 && at + 11 <= text.length(); at = text.indexOf("139", at + 1)) {
            String number = text.substring(at, at + 11);
            if (number.chars().allMatch(Character::isDigit)) {
                int i = Integer.parseInt(number.substring(3));
                if (i >= 1 && i <= ROWS && caller(i).equals(number)) {
                    found.add(number + " in " + where);
                }
            }
        }
        return found;
    }
}
