package org.hotlinepulse.cdr.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotlinepulse.cdr.asterisk.AsteriskTestFiles.KEY;
import static org.hotlinepulse.cdr.asterisk.AsteriskTestFiles.SHANGHAI;
import static org.hotlinepulse.cdr.asterisk.AsteriskTestFiles.caseDir;
import static org.hotlinepulse.cdr.asterisk.AsteriskTestFiles.readAll;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.cdr.CsvFields;
import org.hotlinepulse.cdr.InputRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Following a Master.csv and a queue_log as Asterisk writes them (records of a channel when it hangs up, queue
 * events as they happen) gives the CDRs that reading the finished files gives, soon after each call ends, and a
 * restart from the committed resume points repeats and loses nothing.
 */
class LiveAsteriskCallsUnitTest {

    private static final List<String> CASES = List.of("answered-via-queue", "caller-hung-up-in-queue",
            "queue-with-no-agents", "voice-menu-only", "voicemail", "busy", "congestion", "ring-no-answer",
            "queue-timeout", "transfer");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Duration POLL = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** A line appended to one of the two files at the moment Asterisk writes it. */
    private record Write(Instant at, boolean master, String line) {}

    /** What a follower has read of the two files. */
    private static final class Reading {
        final byte[] master;
        final byte[] queue;
        int masterRead;
        int queueRead;
        long masterLines;
        long queueLines;

        Reading(byte[] master, byte[] queue) {
            this.master = master;
            this.queue = queue;
        }
    }

    private final MutableClock clock = new MutableClock();

    private static List<Write> writesOfTheCases() throws IOException, CsvFields.Unsplittable {
        List<Write> writes = new ArrayList<>();
        CsvFields csv = new CsvFields(',', 64);
        for (String name : CASES) {
            Path d = caseDir(name);
            // The records of one channel are written together, when it hangs up: at their latest end.
            Map<String, List<String>> byChannel = new LinkedHashMap<>();
            Map<String, Instant> hangup = new LinkedHashMap<>();
            for (String line : Files.readAllLines(d.resolve("Master.csv"))) {
                String[] f = csv.split(line);
                Instant end = LocalDateTime.parse(f[11], LOCAL).atZone(SHANGHAI).toInstant();
                byChannel.computeIfAbsent(f[5], k -> new ArrayList<>()).add(line);
                hangup.merge(f[5], end, (a, b) -> a.isAfter(b) ? a : b);
            }
            byChannel.forEach((channel, lines) ->
                    lines.forEach(l -> writes.add(new Write(hangup.get(channel), true, l))));
            Path queueLog = d.resolve("queue_log");
            if (Files.exists(queueLog)) {
                for (String line : Files.readAllLines(queueLog)) {
                    writes.add(new Write(Instant.ofEpochSecond(Long.parseLong(line.split("\\|")[0])), false, line));
                }
            }
        }
        // Stable: at the same second, Master.csv's record comes before the queue's last event.
        writes.sort(Comparator.comparing(Write::at).thenComparing(w -> !w.master()));
        return writes;
    }

    private static byte[] file(List<Write> writes, boolean master) {
        StringBuilder text = new StringBuilder();
        writes.stream().filter(w -> w.master() == master).forEach(w -> text.append(w.line()).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private LiveAsteriskCalls follower(ResumePoint master, long masterReadTo, long queueReadTo) throws IOException {
        CdrInputOptions options = new CdrInputOptions(null, SHANGHAI, List.of("queue_log"), null);
        return new LiveAsteriskCalls("Master.csv", KEY, options, clock, master, masterReadTo,
                new long[] {queueReadTo});
    }

    /** Feeds what the files hold up to the writes done so far, as complete lines, and drains the output. */
    private static void catchUp(LiveAsteriskCalls calls, Reading reading, int masterEnd, int queueEnd,
                                Map<InputRecord, Instant> out, Instant now) throws IOException {
        if (reading.queueRead < queueEnd) {
            byte[] piece = java.util.Arrays.copyOfRange(reading.queue, reading.queueRead, queueEnd);
            calls.queueLines(0, piece, "queue_log", reading.queueRead, reading.queueLines);
            reading.queueLines += count(piece);
            reading.queueRead = queueEnd;
        }
        if (reading.masterRead < masterEnd) {
            byte[] piece = java.util.Arrays.copyOfRange(reading.master, reading.masterRead, masterEnd);
            calls.masterLines(piece, reading.masterRead, reading.masterLines);
            reading.masterLines += count(piece);
            reading.masterRead = masterEnd;
        }
        calls.caughtUp();
        for (InputRecord r = calls.poll(); r != null; r = calls.poll()) {
            out.put(r, now);
        }
    }

    /** Two polls a day later: the first reads what is left, the second finds nothing new. */
    private void finish(LiveAsteriskCalls calls, Reading reading, int masterEnd, int queueEnd,
                        Map<InputRecord, Instant> out) throws IOException {
        for (int poll = 0; poll < 2; poll++) {
            clock.now = clock.now.plus(Duration.ofHours(13));
            catchUp(calls, reading, masterEnd, queueEnd, out, clock.now);
        }
    }

    private static long count(byte[] piece) {
        long n = 0;
        for (byte b : piece) {
            n += b == '\n' ? 1 : 0;
        }
        return n;
    }

    private Map<String, Cdr> finishedFilesCdrs(List<Write> writes) throws IOException {
        Path master = Files.write(dir.resolve("Master.csv"), file(writes, true));
        Path queue = Files.write(dir.resolve("queue_log"), file(writes, false));
        Map<String, Cdr> cdrs = new TreeMap<>();
        for (InputRecord r : readAll(master, queue)) {
            assertThat(r.isRejected()).as(r.rejectReason).isFalse();
            cdrs.put(r.cdr.getCallId(), r.cdr);
        }
        return cdrs;
    }

    @Test
    void followingTheFilesAsAsteriskWritesThemGivesTheCdrsOfTheFinishedFiles_twoMinutesAfterEachCall()
            throws Exception {
        List<Write> writes = writesOfTheCases();
        Map<String, Cdr> expected = finishedFilesCdrs(writes);
        assertThat(expected).hasSize(CASES.size());
        Reading reading = new Reading(file(writes, true), file(writes, false));
        clock.now = writes.get(0).at();
        LiveAsteriskCalls calls = follower(null, 0, 0);
        Map<InputRecord, Instant> out = new LinkedHashMap<>();
        int masterEnd = 0;
        int queueEnd = 0;
        for (Write w : writes) {
            // Polls between the writes: the clock moves on while the files are quiet.
            while (clock.now.plus(POLL).isBefore(w.at())) {
                clock.now = clock.now.plus(POLL);
                catchUp(calls, reading, masterEnd, queueEnd, out, clock.now);
            }
            clock.now = w.at();
            int length = w.line().getBytes(StandardCharsets.UTF_8).length + 1;
            if (w.master()) {
                masterEnd += length;
            } else {
                queueEnd += length;
            }
            catchUp(calls, reading, masterEnd, queueEnd, out, clock.now);
        }
        finish(calls, reading, masterEnd, queueEnd, out);

        Map<String, Cdr> followed = new TreeMap<>();
        out.forEach((r, at) -> {
            assertThat(r.isRejected()).as(r.rejectReason).isFalse();
            assertThat(followed.put(r.cdr.getCallId(), r.cdr)).as("published once: " + r.cdr.getCallId()).isNull();
            if (at.isBefore(writes.get(writes.size() - 1).at().plus(Duration.ofHours(1)))) {
                assertThat(Duration.between(r.cdr.getEndTime(), at))
                        .as("made a CDR within the leg wait and one poll of its end: " + r.cdr.getCallId())
                        .isLessThanOrEqualTo(AsteriskCsvReader.LEG_WAIT.plus(POLL));
            }
        });
        assertThat(followed).isEqualTo(expected);
    }

    @Test
    void aRestartFromTheResumePointsRepeatsNothingAndLosesNothing() throws Exception {
        List<Write> writes = writesOfTheCases();
        Map<String, Cdr> expected = finishedFilesCdrs(writes);
        for (int stopAfter = 1; stopAfter < writes.size(); stopAfter++) {
            Reading reading = new Reading(file(writes, true), file(writes, false));
            clock.now = writes.get(0).at();
            LiveAsteriskCalls calls = follower(null, 0, 0);
            Map<InputRecord, Instant> out = new LinkedHashMap<>();
            int masterEnd = 0;
            int queueEnd = 0;
            for (int i = 0; i < writes.size(); i++) {
                Write w = writes.get(i);
                clock.now = w.at();
                int length = w.line().getBytes(StandardCharsets.UTF_8).length + 1;
                if (w.master()) {
                    masterEnd += length;
                } else {
                    queueEnd += length;
                }
                catchUp(calls, reading, masterEnd, queueEnd, out, clock.now);
                if (i == stopAfter) {
                    // What a commit stores; a new process resumes from it with nothing else.
                    ResumePoint master = calls.masterResume(reading.masterRead, reading.masterLines);
                    ResumePoint queue = calls.queueResume(0, reading.queueRead, reading.queueLines);
                    Reading resumed = new Reading(reading.master, reading.queue);
                    resumed.masterRead = (int) master.offset();
                    resumed.masterLines = master.lines();
                    resumed.queueRead = (int) queue.offset();
                    resumed.queueLines = queue.lines();
                    calls = follower(master, reading.masterRead, reading.queueRead);
                    reading = resumed;
                }
            }
            finish(calls, reading, masterEnd, queueEnd, out);

            Map<String, Cdr> followed = new TreeMap<>();
            for (InputRecord r : out.keySet()) {
                assertThat(r.isRejected()).as("after a restart at write " + stopAfter + ": " + r.rejectReason)
                        .isFalse();
                assertThat(followed.put(r.cdr.getCallId(), r.cdr))
                        .as("after a restart at write " + stopAfter + ", published once: " + r.cdr.getCallId())
                        .isNull();
            }
            assertThat(followed).as("after a restart at write " + stopAfter).isEqualTo(expected);
        }
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        Instant now = Instant.EPOCH;

        @Override
        public ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
