package org.hotlinepulse.cdr.asterisk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.cdr.CdrJson;
import org.hotlinepulse.cdr.CdrReader;
import org.hotlinepulse.cdr.CdrValidator;
import org.hotlinepulse.cdr.CsvFields;
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
    public static final Duration LEG_WAIT = Duration.ofMinutes(10);
    static final int MAX_LINE_BYTES = 16 * 1024;

    private final TextLines lines;
    private final String origin;
    private final CsvFields csv = new CsvFields(',', 64);
    private final MasterCsvRecords records;
    private final QueueLogIndex queueLog;
    private final CallAssembler calls = new CallAssembler(LEG_WAIT);
    private final AsteriskCallMapper mapper;
    private final ArrayDeque<InputRecord> out = new ArrayDeque<>();
    private boolean masterDone;
    private boolean finished;
    private Instant earliestStart;
    private Instant latestEnd;
    private long duplicates;
    private long merged;
    private long otherContexts;
    private final java.util.Set<String> inboundContexts;

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
        AsteriskLineMap lineMap =
                options.lineMap() == null ? AsteriskLineMap.none() : AsteriskLineMap.load(Path.of(options.lineMap()));
        this.records = new MasterCsvRecords(pseudonymiser, options.zone(), lineMap);
        this.lines = new TextLines(Files.newInputStream(masterCsv), MAX_LINE_BYTES);
        this.origin = masterCsv.getFileName().toString();
        this.inboundContexts = java.util.Set.copyOf(options.inboundContexts());
        this.mapper = new AsteriskCallMapper(options.sourceOr(DEFAULT_SOURCE));
        out.addAll(queueLog.rejections());
    }

    @Override
    public InputRecord next() throws IOException {
        while (out.isEmpty()) {
            if (finished) {
                return null;
            }
            if (masterDone) {
                calls.all().forEach(this::emit);
                out.addAll(queueLog.unmatched(earliestStart, latestEnd));
                finished = true;
                continue;
            }
            TextLines.Line line = lines.next();
            if (line == null) {
                masterDone = true;
            } else {
                try {
                    read(line);
                } catch (RuntimeException e) {
                    out.add(unreadable(line.number(), e));
                }
                calls.ready().forEach(this::emit);
            }
        }
        return out.poll();
    }

    /** Records written twice and dropped (the second copy of an identical line of the same call). */
    public long duplicates() {
        return duplicates;
    }

    /**
     * Records skipped because their dcontext is not one of the inbound contexts: calls the hotline places carry
     * the citizen's number as dst, so nothing of them is written anywhere.
     */
    public long otherContexts() {
        return otherContexts;
    }

    /** Records that became part of the CDR of a call named by an earlier record (further legs). */
    public long merged() {
        return merged;
    }

    private void read(TextLines.Line line) {
        if (!line.isReadable()) {
            out.add(InputRecord.rejected(origin, line.number(), line.problem(), "null"));
            return;
        }
        if (line.text().isBlank()) {
            return;
        }
        String[] fields;
        try {
            fields = csv.split(line.text());
        } catch (CsvFields.Unsplittable e) {
            // The text may hold a caller's name and number in unknown places: it is not copied.
            out.add(InputRecord.rejected(origin, line.number(), e.getMessage(), "null"));
            return;
        }
        String callerHash = records.pseudonymiseCallers(fields);
        MasterCsvRecords.Result result = records.parse(line.number(), fields, callerHash);
        if (result.leg() == null) {
            out.add(InputRecord.rejected(origin, line.number(), result.reason(), result.rawRecord()));
            return;
        }
        AsteriskLeg leg = result.leg();
        if (!inboundContexts.isEmpty() && !inboundContexts.contains(leg.dcontext())) {
            otherContexts++;
            return;
        }
        switch (calls.add(leg)) {
            case ADDED -> track(leg);
            case DUPLICATE -> duplicates++;
            case TOO_MANY_LEGS -> out.add(InputRecord.rejected(origin, line.number(), "call " + leg.callKey()
                    + " has more than " + CallAssembler.MAX_LEGS + " records; this one is not used",
                    MasterCsvRecords.redacted(fields)));
            case CALL_ALREADY_DONE -> out.add(InputRecord.rejected(origin, line.number(), "call " + leg.callKey()
                    + " was already made a CDR from line " + calls.doneAt(leg.callKey())
                    + "; a record of it written more than " + LEG_WAIT.toMinutes()
                    + " minutes (file time) after its other records is not counted again",
                    MasterCsvRecords.redacted(fields)));
        }
    }

    private void track(AsteriskLeg leg) {
        if (earliestStart == null || leg.start().isBefore(earliestStart)) {
            earliestStart = leg.start();
        }
        if (latestEnd == null || leg.end().isAfter(latestEnd)) {
            latestEnd = leg.end();
        }
    }

    private void emit(List<AsteriskLeg> legs) {
        long position = legs.get(0).lineNumber();
        merged += legs.size() - 1;
        Cdr cdr;
        try {
            cdr = mapper.map(legs, queueLog.take(legs.stream().flatMap(l -> l.uniqueids().stream()).toList()));
        } catch (RuntimeException e) {
            out.add(unreadable(position, e));
            return;
        }
        String reason = CdrValidator.validate(cdr);
        out.add(reason == null ? InputRecord.parsed(origin, position, cdr)
                : InputRecord.rejected(origin, position, reason, CdrJson.toJson(cdr)));
    }

    private InputRecord unreadable(long position, RuntimeException e) {
        return InputRecord.rejected(origin, position, "record could not be read: " + e.getClass().getSimpleName()
                + " (a bug to report; only this record is lost)", "null");
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
