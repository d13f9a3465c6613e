package org.hotlinepulse.cdr.asterisk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.cdr.CdrReader;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.cdr.TextLines;

/**
 * Reads an Asterisk cdr_csv Master.csv, optionally joined with queue_log files, into one canonical CDR per call
 * (docs/pbx-formats.md). Each CDR is named by the Master.csv line of the call's first record. Caller numbers are
 * hashed as soon as a line is split; caller names are dropped. Not thread-safe.
 */
public final class AsteriskCsvReader implements CdrReader {

    /** The {@code source} of records when none is configured; also the call_id prefix. */
    public static final String DEFAULT_SOURCE = "asterisk";
    /** How long, in the file's own times, the legs of a call are waited for after its last leg ended. */
    public static final Duration LEG_WAIT = Duration.ofMinutes(2);
    static final int MAX_LINE_BYTES = 16 * 1024;

    private final TextLines lines;
    private final QueueLogIndex queueLog;
    private final AsteriskCalls calls;
    private boolean masterDone;
    private boolean finished;

    /**
     * Opens Master.csv and reads the queue_log files of the options whole.
     *
     * @throws IOException when a file cannot be read; the message names it
     */
    public AsteriskCsvReader(Path masterCsv, CallerPseudonymiser pseudonymiser, CdrInputOptions options)
            throws IOException {
        Objects.requireNonNull(pseudonymiser, "pseudonymiser");
        this.queueLog = options.queueLogs().isEmpty() ? QueueLogIndex.empty()
                : QueueLogIndex.read(options.queueLogs().stream().map(Path::of).toList(), pseudonymiser);
        this.calls = new AsteriskCalls(masterCsv.getFileName().toString(), pseudonymiser, options, queueLog,
                AsteriskLineMap.of(options));
        this.lines = new TextLines(Files.newInputStream(masterCsv), MAX_LINE_BYTES);
        queueLog.rejections().forEach(calls::add);
    }

    @Override
    public InputRecord next() throws IOException {
        while (!calls.hasOutput()) {
            if (finished) {
                return null;
            }
            if (masterDone) {
                calls.emitAll();
                calls.reportUnmatched();
                finished = true;
                continue;
            }
            TextLines.Line line = lines.next();
            if (line == null) {
                masterDone = true;
            } else {
                calls.read(line, false, Set.of());
                calls.emitReady();
            }
        }
        return calls.poll();
    }

    /** Records written twice and dropped (the second copy of an identical line of the same call). */
    public long duplicates() {
        return calls.duplicates();
    }

    /**
     * Records skipped because their dcontext is not one of the inbound contexts: calls the hotline places carry
     * the citizen's number as dst, so nothing of them is written anywhere.
     */
    public long otherContexts() {
        return calls.otherContexts();
    }

    /** Records that became part of the CDR of a call named by an earlier record (further legs). */
    public long merged() {
        return calls.merged();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
