package org.hotlinepulse.cdr.asterisk;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.cdr.TextLines;

/**
 * The Asterisk adapter over a Master.csv and queue_log files that Asterisk is still writing ({@code ingest --follow},
 * docs/ingest.md). Pieces of complete lines come in as they are appended. A call is made a CDR by the rule of
 * finished files, once no leg of it ended within {@link AsteriskCsvReader#LEG_WAIT} of the latest end time known;
 * once every file has been read to its end, the clock is known too: Asterisk writes records as calls end, so a
 * quiet file still moves the time on. queue_log events whose CDR has not come within {@link #QUEUE_EVENTS_KEPT} of
 * Master.csv's time are reported and dropped. A restart resumes at the first record still held back. Not thread-safe.
 */
public final class LiveAsteriskCalls {

    /** How long queue_log events wait for their call's Master.csv record: a call lasts at most 24 h (contract §3). */
    public static final Duration QUEUE_EVENTS_KEPT = Duration.ofHours(25);

    private final QueueLogIndex queueLog;
    private final AsteriskCalls calls;
    private final Clock clock;
    private final Set<String> heldBackAtStart;
    private long masterReadTo;
    private final long[] queueReadTo;
    /** Offset and line number of the first record of each waiting call. */
    private final Map<String, long[]> firstRecord = new HashMap<>();
    private boolean masterReadSinceCaughtUp;

    /**
     * @param masterResume where Master.csv resumes and which calls were held back there (null: a first start)
     * @param queueReadTo per queue_log file, how far it had been read before a restart (0: a first start)
     */
    public LiveAsteriskCalls(String masterOrigin, CallerPseudonymiser pseudonymiser, CdrInputOptions options,
                             Clock clock, ResumePoint masterResume, long masterReadTo, long[] queueReadTo)
            throws IOException {
        this.queueLog = QueueLogIndex.growing(pseudonymiser);
        this.calls = new AsteriskCalls(masterOrigin, pseudonymiser, options, queueLog, AsteriskLineMap.of(options));
        this.clock = clock;
        this.heldBackAtStart = masterResume == null ? Set.of() : new HashSet<>(masterResume.heldBack());
        this.masterReadTo = masterReadTo;
        this.queueReadTo = queueReadTo.clone();
    }

    /** Reads a piece of complete Master.csv lines that starts {@code offset} bytes into the file. */
    public void masterLines(byte[] piece, long offset, long linesBefore) throws IOException {
        long[] starts = lineStarts(piece);
        try (TextLines lines = new TextLines(new ByteArrayInputStream(piece), AsteriskCsvReader.MAX_LINE_BYTES)) {
            for (TextLines.Line line = lines.next(); line != null; line = lines.next()) {
                long at = offset + starts[(int) line.number() - 1];
                TextLines.Line numbered = renumbered(line, linesBefore);
                AsteriskLeg leg = calls.read(numbered, at < masterReadTo, heldBackAtStart);
                if (leg != null) {
                    firstRecord.putIfAbsent(leg.callKey(), new long[] {at, numbered.number()});
                }
                calls.emitReady();
            }
        }
        masterReadSinceCaughtUp = true;
        forgetHandedOver();
    }

    /** Reads a piece of complete lines of the {@code file}-th queue_log. */
    public void queueLines(int file, byte[] piece, String origin, long offset, long linesBefore) throws IOException {
        long[] starts = lineStarts(piece);
        try (TextLines lines = new TextLines(new ByteArrayInputStream(piece), QueueLogIndex.MAX_LINE_BYTES)) {
            for (TextLines.Line line = lines.next(); line != null; line = lines.next()) {
                long at = offset + starts[(int) line.number() - 1];
                boolean replayed = at < queueReadTo[file];
                InputRecord rejection = queueLog.add(origin, renumbered(line, linesBefore), file, at, replayed);
                if (rejection != null && !replayed) {
                    calls.add(rejection);
                }
            }
        }
        if (queueLog.full()) {
            int dropped = queueLog.evictOldest();
            calls.add(InputRecord.rejected(origin, linesBefore, "more than " + QueueLogIndex.MAX_EVENTS
                    + " queue_log events waited for their Master.csv records: those of the " + dropped
                    + " oldest calls are dropped (is Master.csv the file of this queue_log?)", "null"));
        }
    }

    /** Master.csv was rotated away: every waiting call is made a CDR, as at the end of a finished file. */
    public void masterFileEnded() {
        calls.emitAll();
        forgetHandedOver();
        masterReadTo = 0;
    }

    /**
     * Hands over the calls whose wait is over by the clock; call it when every file has been read to its end (the
     * records written so far are all read).
     */
    public void caughtUp() {
        Instant now = clock.instant();
        if (!masterReadSinceCaughtUp) {
            // A whole round without a line: the channel written last has nothing more to write.
            calls.endBatch();
        }
        masterReadSinceCaughtUp = false;
        calls.emitReady(now);
        forgetHandedOver();
        Instant latestEnd = calls.latestEnd();
        if (latestEnd != null) {
            // In file time, as the join itself: a backlog read after an outage keeps its queue events.
            queueLog.evictBefore(latestEnd.minus(QUEUE_EVENTS_KEPT)).forEach(calls::add);
        }
    }

    /** The next CDR or rejection, or null when none is ready. */
    public InputRecord poll() {
        return calls.poll();
    }

    /** Where Master.csv resumes after a restart, given how far it has been read. */
    public ResumePoint masterResume(long readOffset, long readLines) {
        long[] first = firstRecord.values().stream().min((a, b) -> Long.compare(a[0], b[0])).orElse(null);
        return first == null ? new ResumePoint(readOffset, readLines, List.of())
                : new ResumePoint(first[0], first[1] - 1, List.copyOf(firstRecord.keySet()));
    }

    /** Where the {@code file}-th queue_log resumes after a restart, given how far it has been read. */
    public ResumePoint queueResume(int file, long readOffset, long readLines) {
        ResumePoint held = queueLog.heldFrom(file);
        return held == null ? new ResumePoint(readOffset, readLines, List.of()) : held;
    }

    /** A rotated queue_log: its events stay, but a restart no longer resumes inside the old file. */
    public void queueFileEnded(int file) {
        queueLog.forgetFile(file);
        queueReadTo[file] = 0;
    }

    private void forgetHandedOver() {
        Set<String> waiting = calls.waiting();
        firstRecord.keySet().retainAll(waiting);
    }

    private static TextLines.Line renumbered(TextLines.Line line, long linesBefore) {
        return new TextLines.Line(line.number() + linesBefore, line.text(), line.problem());
    }

    /** The offset of each line in a piece of complete lines. */
    private static long[] lineStarts(byte[] piece) {
        int count = 1;
        for (byte b : piece) {
            if (b == '\n') {
                count++;
            }
        }
        long[] starts = new long[count];
        int n = 1;
        for (int i = 0; i < piece.length; i++) {
            if (piece[i] == '\n' && n < count) {
                starts[n++] = i + 1;
            }
        }
        return starts;
    }
}
