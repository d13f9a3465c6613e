package org.hotlinepulse.cdr.asterisk;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.cdr.CdrJson;
import org.hotlinepulse.cdr.CdrValidator;
import org.hotlinepulse.cdr.CsvFields;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.cdr.TextLines;

/**
 * The Asterisk adapter's core, shared by the reader of finished files and the follower of growing ones: Master.csv
 * lines become legs (caller columns hashed first), legs of one call are gathered, and each call is made one
 * canonical CDR with its queue_log events (docs/pbx-formats.md). Output, rejections included, queues up until taken.
 * Not thread-safe.
 */
final class AsteriskCalls {

    private final String origin;
    private final CsvFields csv = new CsvFields(',', 64);
    private final MasterCsvRecords records;
    private final QueueLogIndex queueLog;
    private final CallAssembler calls = new CallAssembler(AsteriskCsvReader.LEG_WAIT);
    private final AsteriskCallMapper mapper;
    private final Set<String> inboundContexts;
    private final ArrayDeque<InputRecord> out = new ArrayDeque<>();
    private Instant earliestStart;
    private Instant latestEnd;
    private long duplicates;
    private long merged;
    private long otherContexts;

    AsteriskCalls(String origin, CallerPseudonymiser pseudonymiser, CdrInputOptions options, QueueLogIndex queueLog,
                  AsteriskLineMap lineMap) {
        this.origin = origin;
        this.queueLog = queueLog;
        this.records = new MasterCsvRecords(pseudonymiser, options.zone(), lineMap);
        this.inboundContexts = Set.copyOf(options.inboundContexts());
        this.mapper = new AsteriskCallMapper(options.sourceOr(AsteriskCsvReader.DEFAULT_SOURCE));
    }

    /**
     * Reads one Master.csv line. A line read before a restart counts only as a leg of a call that was held back
     * then; its other legs were published, and its rejections sent, before the restart.
     *
     * @param replayed true for a line already read before a restart: only legs of calls still held back count
     * @param heldBack the calls held back when the position was committed (used when replayed)
     * @return the leg added, or null
     */
    AsteriskLeg read(TextLines.Line line, boolean replayed, Set<String> heldBack) {
        try {
            return parse(line, replayed, heldBack);
        } catch (RuntimeException e) {
            if (!replayed) {
                out.add(unreadable(line.number(), e));
            }
            return null;
        }
    }

    private AsteriskLeg parse(TextLines.Line line, boolean replayed, Set<String> heldBack) {
        if (!line.isReadable()) {
            reject(replayed, InputRecord.rejected(origin, line.number(), line.problem(), "null"));
            return null;
        }
        if (line.text().isBlank()) {
            return null;
        }
        String[] fields;
        try {
            fields = csv.split(line.text());
        } catch (CsvFields.Unsplittable e) {
            // The text may hold a caller's name and number in unknown places: it is not copied.
            reject(replayed, InputRecord.rejected(origin, line.number(), e.getMessage(), "null"));
            return null;
        }
        String callerHash = records.pseudonymiseCallers(fields);
        MasterCsvRecords.Result result = records.parse(line.number(), fields, callerHash);
        if (result.leg() == null) {
            reject(replayed, InputRecord.rejected(origin, line.number(), result.reason(), result.rawRecord()));
            return null;
        }
        AsteriskLeg leg = result.leg();
        if (replayed && !heldBack.contains(leg.callKey())) {
            return null;
        }
        if (!inboundContexts.isEmpty() && !inboundContexts.contains(leg.dcontext())) {
            otherContexts++;
            return null;
        }
        switch (calls.add(leg)) {
            case ADDED -> {
                track(leg);
                return leg;
            }
            case DUPLICATE -> duplicates++;
            case TOO_MANY_LEGS -> out.add(InputRecord.rejected(origin, line.number(), "call " + leg.callKey()
                    + " has more than " + CallAssembler.MAX_LEGS + " records; this one is not used",
                    MasterCsvRecords.redacted(fields)));
            case CALL_ALREADY_DONE -> out.add(InputRecord.rejected(origin, line.number(), "call " + leg.callKey()
                    + " was already made a CDR from line " + calls.doneAt(leg.callKey())
                    + "; a record of it written more than " + AsteriskCsvReader.LEG_WAIT.toMinutes()
                    + " minutes (file time) after its other records is not counted again",
                    MasterCsvRecords.redacted(fields)));
        }
        return null;
    }

    private void reject(boolean replayed, InputRecord rejection) {
        if (!replayed) {
            out.add(rejection);
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

    /** Makes a CDR (or a rejection) of a call's legs, with the queue_log events of their uniqueids. */
    void emit(List<AsteriskLeg> legs) {
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

    /** Hands over the calls whose wait is over in file time. */
    void emitReady() {
        emitReady(null);
    }

    /** Hands over the calls whose wait is over in file time or by {@code now} (null: file time only). */
    void emitReady(Instant now) {
        calls.ready(now).forEach(this::emit);
    }

    /** No more lines of the channel read last are coming: its calls may be handed over. */
    void endBatch() {
        calls.endBatch();
    }

    /** Hands over every call still waiting (the end of a file). */
    void emitAll() {
        calls.all().forEach(this::emit);
    }

    /** The latest end time of the legs read, or null before the first. */
    Instant latestEnd() {
        return latestEnd;
    }

    /** The calls still waiting for further legs. */
    Set<String> waiting() {
        return calls.pendingKeys();
    }

    /** Rejections for queue_log events left without a CDR within the span of the Master.csv read. */
    void reportUnmatched() {
        out.addAll(queueLog.unmatched(earliestStart, latestEnd));
    }

    /** Adds a record to the output (rejected queue_log lines). */
    void add(InputRecord record) {
        out.add(record);
    }

    /** The next record of the output, or null when it is empty. */
    InputRecord poll() {
        return out.poll();
    }

    boolean hasOutput() {
        return !out.isEmpty();
    }

    long duplicates() {
        return duplicates;
    }

    long merged() {
        return merged;
    }

    long otherContexts() {
        return otherContexts;
    }

    private InputRecord unreadable(long position, RuntimeException e) {
        return InputRecord.rejected(origin, position, "record could not be read: " + e.getClass().getSimpleName()
                + " (a bug to report; only this record is lost)", "null");
    }
}
