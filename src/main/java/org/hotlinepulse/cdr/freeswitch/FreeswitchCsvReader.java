package org.hotlinepulse.cdr.freeswitch;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrReader;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.cdr.TextLines;
import org.hotlinepulse.cdr.PhoneNumbers;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.cdr.RedactedRecord;

/**
 * Reads FreeSWITCH {@code mod_cdr_csv} files written with the default template {@code example} (docs/freeswitch.md):
 * 15 quoted fields per line, no header. A person answering is told by the B-leg: a row with {@code answer_stamp}
 * and a {@code bleg_uuid} was bridged to an agent; one with {@code answer_stamp} only was answered by the PBX itself
 * (a voice menu), which makes {@code ivr} true and the call not ANSWERED.
 */
public final class FreeswitchCsvReader implements CdrReader {

    /** The columns of the {@code example} template, in order. */
    static final List<String> COLUMNS = List.of("caller_id_name", "caller_id_number", "destination_number",
            "context", "start_stamp", "answer_stamp", "end_stamp", "duration", "billsec", "hangup_cause", "uuid",
            "bleg_uuid", "accountcode", "read_codec", "write_codec");
    private static final int CALLER_NAME = 0;
    private static final int CALLER_NUMBER = 1;
    private static final int DESTINATION = 2;
    private static final int START = 4;
    private static final int ANSWER = 5;
    private static final int END = 6;
    private static final int CAUSE = 9;
    private static final int UUID = 10;
    private static final int BLEG_UUID = 11;
    /** A row of this template is about 300 bytes; anything near this is not one. */
    public static final int MAX_LINE_BYTES = 64 * 1024;
    private static final ObjectReader ROWS = new CsvMapper().readerForListOf(String.class)
            .with(CsvParser.Feature.WRAP_AS_ARRAY);

    private final TextLines lines;
    private final InputStream in;
    private final String origin;
    private final CallerPseudonymiser pseudonymiser;
    private final FreeswitchTimes times;
    private final FreeswitchCdrMapping mapping;

    /** Opens a file; records are named by the file name. */
    public FreeswitchCsvReader(Path file, CallerPseudonymiser pseudonymiser, CdrInputOptions settings)
            throws IOException {
        this(Files.newInputStream(file), file.getFileName().toString(), pseudonymiser, settings);
    }

    /** Reads a stream (closed with this reader); records are named by origin. */
    public FreeswitchCsvReader(InputStream in, String origin, CallerPseudonymiser pseudonymiser,
                               CdrInputOptions settings) {
        this.in = Objects.requireNonNull(in, "in");
        this.lines = new TextLines(in, MAX_LINE_BYTES);
        this.origin = Objects.requireNonNull(origin, "origin");
        this.pseudonymiser = Objects.requireNonNull(pseudonymiser, "pseudonymiser");
        this.times = new FreeswitchTimes(settings.zone());
        this.mapping = new FreeswitchCdrMapping(settings);
    }

    @Override
    public InputRecord next() throws IOException {
        TextLines.Line line = lines.nextNonBlank();
        if (line == null) {
            return null;
        }
        return line.isReadable() ? parse(line.number(), line.text())
                : InputRecord.rejected(origin, line.number(), line.problem(), "null");
    }

    private InputRecord parse(long number, String text) {
        List<String> row;
        try (MappingIterator<List<String>> rows = ROWS.readValues(text)) {
            row = rows.hasNextValue() ? rows.nextValue() : List.of();
            if (rows.hasNextValue()) {
                throw new IOException("more than one row on the line");
            }
        } catch (IOException | RuntimeException e) {
            return InputRecord.rejected(origin, number, "not a CSV row: "
                    + PhoneNumbers.mask(firstLine(e.getMessage())), RedactedRecord.maskedText(text));
        }
        // The caller number is hashed before anything else reads the row, and the name is never kept.
        String rawCaller = row.size() > CALLER_NUMBER ? row.get(CALLER_NUMBER) : null;
        String callerHash = rawCaller == null ? null : pseudonymiser.pseudonymise(rawCaller);
        RedactedRecord raw = new RedactedRecord();
        raw.callerHash(callerHash);
        for (int i = 0; i < row.size(); i++) {
            if (i != CALLER_NAME && i != CALLER_NUMBER) {
                raw.field(i < COLUMNS.size() ? COLUMNS.get(i) : "column_" + (i + 1), row.get(i));
            }
        }
        if (row.size() != COLUMNS.size()) {
            return InputRecord.rejected(origin, number, "row has " + row.size() + " fields; the FreeSWITCH"
                    + " template \"example\" writes " + COLUMNS.size() + " (" + String.join(", ", COLUMNS) + ")",
                    raw.toJson());
        }
        try {
            return mapping.toRecord(origin, number, call(row, callerHash), raw.toJson());
        } catch (FieldProblem e) {
            return InputRecord.rejected(origin, number, "column " + (COLUMNS.indexOf(e.field()) + 1) + ": " + e.getMessage(),
                    raw.toJson());
        }
    }

    private FreeswitchCall call(List<String> row, String callerHash) throws FieldProblem {
        String uuid = required(row, UUID);
        Instant start = required(row, START, times.stamp(COLUMNS.get(START), row.get(START)));
        Instant end = required(row, END, times.stamp(COLUMNS.get(END), row.get(END)));
        Instant answered = times.stamp(COLUMNS.get(ANSWER), row.get(ANSWER));
        boolean bridged = !row.get(BLEG_UUID).isBlank();
        HangupCause cause = HangupCause.parse(row.get(CAUSE));
        return new FreeswitchCall(uuid, row.get(DESTINATION).strip(), callerHash, start, null,
                bridged ? answered : null, end, cause, null, null, answered != null && !bridged, null);
    }

    private static String required(List<String> row, int column) throws FieldProblem {
        String value = row.get(column);
        if (value.isBlank()) {
            throw new FieldProblem(COLUMNS.get(column), "missing required field " + COLUMNS.get(column));
        }
        return value.strip();
    }

    private static Instant required(List<String> row, int column, Instant value) throws FieldProblem {
        if (value == null) {
            throw new FieldProblem(COLUMNS.get(column), "missing required field " + COLUMNS.get(column));
        }
        return value;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
