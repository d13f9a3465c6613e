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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.cdr.asterisk.AsteriskWrites.Write;
import org.hotlinepulse.testing.SettableClock;
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

    private final SettableClock clock = new SettableClock(Instant.EPOCH);

    /** The two files as written so far, what has been read of them, and what came out, with when. */
    private final class Following {
        final byte[] master;
        final byte[] queue;
        final Map<InputRecord, Instant> out = new LinkedHashMap<>();
        LiveAsteriskCalls calls;
        int masterWritten;
        int queueWritten;
        int masterRead;
        int queueRead;
        long masterLines;
        long queueLines;

        Following(List<Write> writes) throws IOException {
            master = AsteriskWrites.file(writes, true).getBytes(StandardCharsets.UTF_8);
            queue = AsteriskWrites.file(writes, false).getBytes(StandardCharsets.UTF_8);
            clock.set(writes.get(0).at());
            calls = follower(null, 0, 0);
        }

        /** Asterisk writes one line, at its time. */
        void write(Write w) {
            clock.set(w.at());
            int length = w.line().getBytes(StandardCharsets.UTF_8).length + 1;
            if (w.master()) {
                masterWritten += length;
            } else {
                queueWritten += length;
            }
        }

        /** One poll: what the files gained, as complete lines, then the output. */
        void poll() throws IOException {
            if (queueRead < queueWritten) {
                byte[] piece = Arrays.copyOfRange(queue, queueRead, queueWritten);
                calls.queueLines(0, piece, "queue_log", queueRead, queueLines);
                queueLines += count(piece);
                queueRead = queueWritten;
            }
            if (masterRead < masterWritten) {
                byte[] piece = Arrays.copyOfRange(master, masterRead, masterWritten);
                calls.masterLines(piece, masterRead, masterLines);
                masterLines += count(piece);
                masterRead = masterWritten;
            }
            calls.caughtUp();
            for (InputRecord r = calls.poll(); r != null; r = calls.poll()) {
                out.put(r, clock.instant());
            }
        }

        /** A new process resumes from what a commit stores, and nothing else. */
        void restart() throws IOException {
            ResumePoint masterAt = calls.masterResume(masterRead, masterLines);
            ResumePoint queueAt = calls.queueResume(0, queueRead, queueLines);
            calls = follower(masterAt, masterRead, queueRead);
            masterRead = (int) masterAt.offset();
            masterLines = masterAt.lines();
            queueRead = (int) queueAt.offset();
            queueLines = queueAt.lines();
        }

        /** Two polls half a day apart: the first reads what is left, the second finds nothing new. */
        void finish() throws IOException {
            for (int i = 0; i < 2; i++) {
                clock.set(clock.instant().plus(Duration.ofHours(13)));
                poll();
            }
        }

        /** The CDRs by call id, each published once, nothing rejected. */
        Map<String, Cdr> cdrs(String when) {
            Map<String, Cdr> cdrs = new TreeMap<>();
            for (InputRecord r : out.keySet()) {
                assertThat(r.isRejected()).as(when + ": " + r.rejectReason).isFalse();
                assertThat(cdrs.put(r.cdr.getCallId(), r.cdr)).as(when + ", published once: " + r.cdr.getCallId())
                        .isNull();
            }
            return cdrs;
        }
    }

    private LiveAsteriskCalls follower(ResumePoint master, long masterReadTo, long queueReadTo) throws IOException {
        CdrInputOptions options = new CdrInputOptions(null, SHANGHAI, List.of("queue_log"), null);
        return new LiveAsteriskCalls("Master.csv", KEY, options, clock, master, masterReadTo,
                new long[] {queueReadTo});
    }

    private static long count(byte[] piece) {
        long n = 0;
        for (byte b : piece) {
            n += b == '\n' ? 1 : 0;
        }
        return n;
    }

    private Map<String, Cdr> finishedFilesCdrs(List<Write> writes) throws IOException {
        Path master = Files.writeString(dir.resolve("Master.csv"), AsteriskWrites.file(writes, true));
        Path queue = Files.writeString(dir.resolve("queue_log"), AsteriskWrites.file(writes, false));
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
        Following following = new Following(writes);
        for (Write w : writes) {
            // Polls between the writes: the clock moves on while the files are quiet.
            while (clock.instant().plus(POLL).isBefore(w.at())) {
                clock.set(clock.instant().plus(POLL));
                following.poll();
            }
            following.write(w);
            following.poll();
        }
        Instant lastWrite = clock.instant();
        following.finish();

        assertThat(following.cdrs("followed")).isEqualTo(expected);
        following.out.forEach((r, at) -> {
            if (at.isBefore(lastWrite.plus(Duration.ofHours(1)))) {
                assertThat(Duration.between(r.cdr.getEndTime(), at))
                        .as("made a CDR within the leg wait and one poll of its end: " + r.cdr.getCallId())
                        .isLessThanOrEqualTo(AsteriskCsvReader.LEG_WAIT.plus(POLL));
            }
        });
    }

    @Test
    void aRestartFromTheResumePointsRepeatsNothingAndLosesNothing() throws Exception {
        List<Write> writes = AsteriskWrites.ofTheCases();
        Map<String, Cdr> expected = finishedFilesCdrs(writes);
        for (int stopAfter = 1; stopAfter < writes.size(); stopAfter++) {
            Following following = new Following(writes);
            for (int i = 0; i < writes.size(); i++) {
                following.write(writes.get(i));
                following.poll();
                if (i == stopAfter) {
                    following.restart();
                }
            }
            following.finish();
            String when = "after a restart at write " + stopAfter;
            assertThat(following.cdrs(when)).as(when).isEqualTo(expected);
        }
    }
}
