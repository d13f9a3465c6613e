package org.hotlinepulse.cdr.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotlinepulse.cdr.asterisk.AsteriskTestFiles.KEY;
import static org.hotlinepulse.cdr.asterisk.AsteriskTestFiles.SHANGHAI;
import static org.hotlinepulse.cdr.asterisk.AsteriskTestFiles.readAll;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.cdr.asterisk.AsteriskWrites.Write;
import org.hotlinepulse.testing.SettableClock;
import org.hotlinepulse.cdr.InputRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Following a Master.csv and a queue_log as Asterisk writes them (records of a channel when it hangs up, queue
 * events as they happen) gives the CDRs that reading the finished files gives, soon after each call ends, and a
 * restart from the committed resume points repeats and loses nothing.
 */
class LiveAsteriskCallsUnitTest {

    private static final Duration POLL = Duration.ofSeconds(30);

    @TempDir
    Path dir;

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

    private final SettableClock clock = new SettableClock(Instant.EPOCH);

    private static byte[] file(List<Write> writes, boolean master) {
        return AsteriskWrites.file(writes, master).getBytes(StandardCharsets.UTF_8);
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
            clock.set(clock.instant().plus(Duration.ofHours(13)));
            catchUp(calls, reading, masterEnd, queueEnd, out, clock.instant());
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
        List<Write> writes = AsteriskWrites.ofTheCases();
        Map<String, Cdr> expected = finishedFilesCdrs(writes);
        assertThat(expected).hasSize(AsteriskWrites.CASES.size());
        Reading reading = new Reading(file(writes, true), file(writes, false));
        clock.set(writes.get(0).at());
        LiveAsteriskCalls calls = follower(null, 0, 0);
        Map<InputRecord, Instant> out = new LinkedHashMap<>();
        int masterEnd = 0;
        int queueEnd = 0;
        for (Write w : writes) {
            // Polls between the writes: the clock moves on while the files are quiet.
            while (clock.instant().plus(POLL).isBefore(w.at())) {
                clock.set(clock.instant().plus(POLL));
                catchUp(calls, reading, masterEnd, queueEnd, out, clock.instant());
            }
            clock.set(w.at());
            int length = w.line().getBytes(StandardCharsets.UTF_8).length + 1;
            if (w.master()) {
                masterEnd += length;
            } else {
                queueEnd += length;
            }
            catchUp(calls, reading, masterEnd, queueEnd, out, clock.instant());
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
        List<Write> writes = AsteriskWrites.ofTheCases();
        Map<String, Cdr> expected = finishedFilesCdrs(writes);
        for (int stopAfter = 1; stopAfter < writes.size(); stopAfter++) {
            Reading reading = new Reading(file(writes, true), file(writes, false));
            clock.set(writes.get(0).at());
            LiveAsteriskCalls calls = follower(null, 0, 0);
            Map<InputRecord, Instant> out = new LinkedHashMap<>();
            int masterEnd = 0;
            int queueEnd = 0;
            for (int i = 0; i < writes.size(); i++) {
                Write w = writes.get(i);
                clock.set(w.at());
                int length = w.line().getBytes(StandardCharsets.UTF_8).length + 1;
                if (w.master()) {
                    masterEnd += length;
                } else {
                    queueEnd += length;
                }
                catchUp(calls, reading, masterEnd, queueEnd, out, clock.instant());
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
}
