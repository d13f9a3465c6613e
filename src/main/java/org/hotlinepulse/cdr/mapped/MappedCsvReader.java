package org.hotlinepulse.cdr.mapped;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.cdr.CdrJson;
import org.hotlinepulse.cdr.CdrReader;
import org.hotlinepulse.cdr.CdrValidator;
import org.hotlinepulse.cdr.CsvFields;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.cdr.PhoneNumbers;
import org.hotlinepulse.cdr.TextLines;

/**
 * Reads a carrier's or call-centre vendor's CSV with a {@link CsvMapping}: one canonical CDR per line, the caller
 * column hashed as soon as the line is split, a call_id seen before in the file dropped as written twice. Not
 * thread-safe.
 */
public final class MappedCsvReader implements CdrReader {

    /** The source and call_id prefix when the mapping and the command name none. */
    public static final String DEFAULT_SOURCE = "mapped";
    static final int MAX_LINE_BYTES = 16 * 1024;
    static final int MAX_FIELDS = 256;
    static final int MAX_REMEMBERED = 200_000;

    private final TextLines lines;
    private final String origin;
    private final CsvMapping mapping;
    private final CsvFields csv;
    private final CallerPseudonymiser pseudonymiser;
    private final MappedTimes times;
    private final String source;
    private final MappedColumns columns;
    private final Map<String, Boolean> seen = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };
    private long duplicates;

    /**
     * Opens the file with the mapping file named in the options.
     *
     * @throws IOException when a file cannot be read, the mapping is unusable or the header lacks a mapped
     *     column; the message names the file
     */
    public MappedCsvReader(Path file, CallerPseudonymiser pseudonymiser, CdrInputOptions options)
            throws IOException {
        if (options.mapping() == null) {
            throw new IOException("mapped-csv needs a column mapping file (--mapping)");
        }
        this.mapping = CsvMappingLoader.load(Path.of(options.mapping()));
        this.pseudonymiser = pseudonymiser;
        this.origin = file.getFileName().toString();
        this.csv = new CsvFields(mapping.separatorChar(), MAX_FIELDS);
        ZoneId zone = mapping.timezone() != null ? ZoneId.of(mapping.timezone()) : options.zone();
        this.times = MappedTimes.of(mapping.timeFormat(), zone);
        this.source = options.sourceOr(mapping.sourceOr(DEFAULT_SOURCE));
        this.lines = new TextLines(Files.newInputStream(file), MAX_LINE_BYTES);
        this.columns = mapping.hasHeader() ? header(file) : MappedColumns.numbered(MAX_FIELDS, mapping.columns());
    }

    private MappedColumns header(Path file) throws IOException {
        TextLines.Line first = lines.next();
        String[] names;
        try {
            names = first == null || !first.isReadable() ? new String[0] : csv.split(first.text());
        } catch (CsvFields.Unsplittable e) {
            names = new String[0];
        }
        MappedColumns found = MappedColumns.fromHeader(names, mapping.columns());
        String missing = found.missing();
        if (missing != null) {
            lines.close();
            throw new IOException(file + ": the header line has no column \"" + missing + "\" that the mapping names"
                    + " (header: " + PhoneNumbers.mask(String.join(",", names)) + ")");
        }
        return found;
    }

    @Override
    public InputRecord next() throws IOException {
        for (TextLines.Line line = lines.next(); line != null; line = lines.next()) {
            if (!line.isReadable()) {
                return InputRecord.rejected(origin, line.number(), line.problem(), "null");
            }
            if (line.text().isBlank()) {
                continue;
            }
            InputRecord record;
            try {
                record = read(line);
            } catch (RuntimeException e) {
                record = InputRecord.rejected(origin, line.number(), "record could not be read: "
                        + e.getClass().getSimpleName() + " (a bug to report; only this line is lost)", "null");
            }
            if (record != null) {
                return record;
            }
        }
        return null;
    }

    /** Lines dropped because their call_id was already read. */
    public long duplicates() {
        return duplicates;
    }

    private InputRecord read(TextLines.Line line) {
        String[] f;
        try {
            f = csv.split(line.text());
        } catch (CsvFields.Unsplittable e) {
            return InputRecord.rejected(origin, line.number(), e.getMessage(), "null");
        }
        CsvMapping.Columns c = mapping.columns();
        int callerIndex = columns.index(c.caller());
        String callerHash = null;
        if (callerIndex >= 0 && callerIndex < f.length) {
            callerHash = pseudonymiser.pseudonymise(f[callerIndex]);
            f[callerIndex] = callerHash == null ? "" : callerHash;
        }
        try {
            Cdr cdr = new Cdr();
            String id = required(f, c.callId(), "call_id");
            cdr.put("call_id", source + ":" + OpaqueIds.ifPhoneLike(id, pseudonymiser));
            cdr.put("line", required(f, c.line(), "line").strip());
            cdr.put("caller_hash", callerHash);
            Instant start = time(f, c.startTime(), true);
            cdr.put("start_time", start);
            cdr.put("queue_time", time(f, c.queueTime(), false));
            cdr.put("answer_time", time(f, c.answerTime(), false));
            Instant end = c.endTime() == null ? null : time(f, c.endTime(), c.durationSeconds() == null);
            if (end == null) {
                end = start.plusSeconds(number(f, c.durationSeconds(), "duration_seconds"));
            }
            cdr.put("end_time", end);
            cdr.put("outcome", outcome(f, c.outcome()));
            String cause = optional(f, c.releaseCause());
            cdr.put("release_cause", cause == null ? null : (int) number(f, c.releaseCause(), "release_cause"));
            String agent = optional(f, c.agentId());
            cdr.put("agent_id", agent == null ? null : PhoneNumbers.mask(agent));
            cdr.put("source", source);
            cdr.put("ivr", false);
            cdr.put("probe", false);
            String reason = CdrValidator.validate(cdr);
            if (reason != null) {
                return InputRecord.rejected(origin, line.number(), reason, CdrJson.toJson(cdr));
            }
            if (seen.put(cdr.getCallId(), Boolean.TRUE) != null) {
                duplicates++;
                return null;
            }
            return InputRecord.parsed(origin, line.number(), cdr);
        } catch (BadColumn e) {
            return InputRecord.rejected(origin, line.number(), e.getMessage(), redacted(f, callerIndex));
        }
    }

    private String value(String[] f, String reference, String field) throws BadColumn {
        int i = columns.index(reference);
        if (i < 0) {
            return null;
        }
        if (i >= f.length) {
            throw new BadColumn("the record has " + f.length + " columns; column " + columnName(i) + " ("
                    + field + ") is missing");
        }
        return f[i].isBlank() ? null : f[i].strip();
    }

    private String required(String[] f, String reference, String field) throws BadColumn {
        String v = value(f, reference, field);
        if (v == null) {
            throw new BadColumn("column " + columnName(columns.index(reference)) + " (" + field + ") is empty");
        }
        return v;
    }

    private String optional(String[] f, String reference) throws BadColumn {
        return value(f, reference, "value");
    }

    private Instant time(String[] f, String reference, boolean required) throws BadColumn {
        String field = reference == null ? "" : fieldOf(reference);
        String text = required ? required(f, reference, field) : value(f, reference, field);
        if (text == null) {
            return null;
        }
        Instant t = times.parse(text);
        if (t == null) {
            throw new BadColumn("column " + columnName(columns.index(reference)) + " (" + field + ") "
                    + quoted(text) + " is not a time of the mapping's time_format " + times.describe());
        }
        return t;
    }

    private long number(String[] f, String reference, String field) throws BadColumn {
        String text = required(f, reference, field);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadColumn("column " + columnName(columns.index(reference)) + " (" + field + ") "
                    + quoted(text) + " is not a whole number");
        }
    }

    private Outcome outcome(String[] f, String reference) throws BadColumn {
        String text = value(f, reference, "outcome");
        if (text == null) {
            return null;
        }
        Outcome o = mapping.outcomes().get(text);
        if (o == null) {
            throw new BadColumn("column " + columnName(columns.index(reference)) + " (outcome) " + quoted(text)
                    + " is not one of the mapping's outcomes " + String.join(", ", mapping.outcomes().keySet()));
        }
        return o;
    }

    private String fieldOf(String reference) {
        CsvMapping.Columns c = mapping.columns();
        return reference.equals(c.startTime()) ? "start_time" : reference.equals(c.endTime()) ? "end_time"
                : reference.equals(c.answerTime()) ? "answer_time" : "queue_time";
    }

    private String columnName(int index) {
        String name = columns.name(index);
        return mapping.hasHeader() ? (index + 1) + " \"" + PhoneNumbers.mask(name) + "\"" : name;
    }

    private static String quoted(String value) {
        String masked = PhoneNumbers.mask(value);
        return "\"" + (masked.length() > 40 ? masked.substring(0, 40) + "…" : masked) + "\"";
    }

    /**
     * The mapped columns by name: the caller as its hash, the line as it is, the others masked. Columns the
     * mapping does not name may hold anything (the caller's name) and are withheld.
     */
    private String redacted(String[] f, int callerIndex) {
        CsvMapping.Columns c = mapping.columns();
        java.util.Set<Integer> mapped = new java.util.HashSet<>();
        for (String ref : java.util.Arrays.asList(c.callId(), c.startTime(), c.queueTime(), c.answerTime(),
                c.endTime(), c.durationSeconds(), c.outcome(), c.releaseCause(), c.agentId())) {
            mapped.add(columns.index(ref));
        }
        int lineIndex = columns.index(c.line());
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < f.length; i++) {
            String name = PhoneNumbers.mask(columns.name(i));
            if (i == callerIndex) {
                if (!f[i].isEmpty()) {
                    out.put("caller_hash", f[i]);
                }
            } else if (i == lineIndex || mapped.contains(i)) {
                String v = i == lineIndex ? f[i] : PhoneNumbers.mask(f[i]);
                out.put(name, v.length() > 1000 ? v.substring(0, 1000) + "…" : v);
            } else {
                out.put(name, f[i].isEmpty() ? "" : "(withheld)");
            }
        }
        return out.toString();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }

    private static final class BadColumn extends Exception {
        BadColumn(String message) {
            super(message, null, false, false);
        }
    }
}
