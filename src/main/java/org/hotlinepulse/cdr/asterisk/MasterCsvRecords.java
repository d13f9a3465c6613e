package org.hotlinepulse.cdr.asterisk;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.PhoneNumbers;

/**
 * Turns the fields of one Master.csv line into an {@link AsteriskLeg} or a reason. The caller columns
 * ({@code src}, and the number in {@code clid}) are replaced by their keyed hash first, before any other column
 * is looked at, and the caller name is dropped.
 */
final class MasterCsvRecords {

    /** Index of src and clid in every cdr_csv layout. */
    private static final int SRC = 1;
    private static final int CLID = 4;
    private static final List<String> WIDEST = List.of("accountcode", "src", "dst", "dcontext", "clid", "channel",
            "dstchannel", "lastapp", "lastdata", "start", "answer", "end", "duration", "billsec", "disposition",
            "amaflags", "uniqueid", "userfield", "peeraccount", "linkedid", "sequence");
    private static final Set<String> TIME_COLUMNS = Set.of("start", "answer", "end");
    private static final Set<String> ID_COLUMNS = Set.of("uniqueid", "linkedid");
    /** Free text an administrator or a dialplan fills: it may hold anything, names included, so it is withheld. */
    private static final Set<String> FREE_TEXT = Set.of("accountcode", "lastdata", "userfield", "peeraccount");
    static final String WITHHELD = "(withheld)";
    /** A time-shaped value (even an impossible one, 25:50) is no phone number and is quoted as it is. */
    private static final java.util.regex.Pattern TIME_SHAPE =
            java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

    /** A parsed leg, or the reason and redacted record of a rejected line. */
    record Result(AsteriskLeg leg, String reason, String rawRecord) {}

    private final CallerPseudonymiser pseudonymiser;
    private final ZoneId zone;
    private final AsteriskLineMap lineMap;

    MasterCsvRecords(CallerPseudonymiser pseudonymiser, ZoneId zone) {
        this(pseudonymiser, zone, AsteriskLineMap.none());
    }

    MasterCsvRecords(CallerPseudonymiser pseudonymiser, ZoneId zone, AsteriskLineMap lineMap) {
        this.pseudonymiser = pseudonymiser;
        this.zone = zone;
        this.lineMap = lineMap;
    }

    /** Hashes the caller columns in place (src, clid: the hash or ""), returning the caller's hash. */
    String pseudonymiseCallers(String[] fields) {
        String fromClid = fields.length > CLID ? pseudonymiser.pseudonymise(CallerIdNumber.of(fields[CLID])) : null;
        String fromSrc = fields.length > SRC ? pseudonymiser.pseudonymise(fields[SRC]) : null;
        if (fields.length > SRC) {
            fields[SRC] = fromSrc == null ? "" : fromSrc;
        }
        if (fields.length > CLID) {
            fields[CLID] = fromClid == null ? "" : fromClid;
        }
        return fromClid != null ? fromClid : fromSrc;
    }

    /** Parses fields whose caller columns were already pseudonymised. */
    Result parse(long lineNumber, String[] fields, String callerHash) {
        MasterCsvColumns columns = MasterCsvColumns.of(fields);
        if (columns == null) {
            return reject(MasterCsvColumns.wrongCount(fields.length), fields);
        }
        Instant start;
        Instant answer;
        Instant end;
        try {
            start = time(columns, fields, "start", true);
            answer = time(columns, fields, "answer", false);
            end = time(columns, fields, "end", true);
        } catch (BadColumn e) {
            return reject(e.getMessage(), fields);
        }
        String dispositionText = columns.get(fields, "disposition");
        Disposition disposition = Disposition.of(dispositionText);
        if (disposition == null) {
            return reject(column(columns, "disposition") + " " + quoted(dispositionText) + " is not one of "
                    + Disposition.validTexts(), fields);
        }
        String uniqueid = columns.get(fields, "uniqueid");
        String linkedid = columns.get(fields, "linkedid");
        for (String id : List.of("uniqueid", "linkedid")) {
            String value = columns.get(fields, id);
            // An id becomes the call_id: anything but an Asterisk id (a number in the wrong column) is refused.
            if (!value.isEmpty() && !AsteriskIds.isUniqueid(value)) {
                return reject(column(columns, id) + " " + quoted(value)
                        + " is not an Asterisk id (<epoch>.<sequence>)", fields);
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : new String[] {uniqueid, linkedid}) {
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        String key = !linkedid.isEmpty() ? linkedid : !uniqueid.isEmpty() ? uniqueid
                : PhoneNumbers.mask(columns.get(fields, "channel")) + "@" + start.getEpochSecond();
        String dcontext = columns.get(fields, "dcontext");
        AsteriskLeg leg = new AsteriskLeg(lineNumber, key, ids, callerHash,
                lineMap.lineOf(dcontext, columns.get(fields, "dst")),
                dcontext, columns.get(fields, "channel"), columns.get(fields, "dstchannel"),
                columns.get(fields, "lastapp"),
                start, answer, end, disposition, String.join("\u0000", fields));
        return new Result(leg, null, null);
    }

    private Instant time(MasterCsvColumns columns, String[] fields, String name, boolean required)
            throws BadColumn {
        String text = columns.get(fields, name);
        if (text.isEmpty()) {
            if (required) {
                throw new BadColumn(column(columns, name) + " is empty: a " + name + " time is required");
            }
            return null;
        }
        try {
            // At a clock change, an ambiguous local time takes the earlier offset, a skipped one moves forward.
            return localTime(text).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            String shown = TIME_SHAPE.matcher(text).matches() ? "\"" + text + "\"" : quoted(text);
            throw new BadColumn(column(columns, name) + " " + shown + " is not a time (yyyy-MM-dd HH:mm:ss)");
        }
    }

    /** yyyy-MM-dd HH:mm:ss read by position, the common case, without java.time's parser. */
    private static LocalDateTime localTime(String text) {
        if (!TIME_SHAPE.matcher(text).matches()) {
            throw new DateTimeException("not yyyy-MM-dd HH:mm:ss");
        }
        return LocalDateTime.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10), digits(text, 11, 13),
                digits(text, 14, 16), digits(text, 17, 19));
    }

    private static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (s.charAt(i) - '0');
        }
        return n;
    }

    private static String column(MasterCsvColumns columns, String name) {
        return "column " + (columns.indexOf(name) + 1) + " (" + name + ")";
    }

    private static String quoted(String value) {
        String masked = PhoneNumbers.mask(value);
        return "\"" + (masked.length() > 40 ? masked.substring(0, 40) + "…" : masked) + "\"";
    }

    /** A rejection whose record is the line's columns by name, callers hashed, free text masked. */
    Result reject(String reason, String[] fields) {
        return new Result(null, reason, redacted(fields));
    }

    /** Fields whose caller columns were already pseudonymised, as a JSON object safe to write out. */
    static String redacted(String[] fields) {
        MasterCsvColumns layout = MasterCsvColumns.of(fields);
        List<String> names = layout != null ? layout.names() : WIDEST;
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < fields.length; i++) {
            String name = i < names.size() ? names.get(i) : "column" + (i + 1);
            String value = fields[i];
            if (i == SRC || i == CLID) {
                if (!value.isEmpty()) {
                    out.put(i == SRC ? "src_hash" : "clid_hash", value);
                }
            } else if (FREE_TEXT.contains(name)) {
                out.put(name, value.isEmpty() ? "" : WITHHELD);
            } else if (i == 2 || (TIME_COLUMNS.contains(name) && looksLikeTime(value))
                    || (ID_COLUMNS.contains(name) && AsteriskIds.isUniqueid(value))) {
                out.put(name, cut(value));
            } else {
                out.put(name, cut(PhoneNumbers.mask(value)));
            }
        }
        return out.toString();
    }

    private static boolean looksLikeTime(String value) {
        try {
            LocalDateTime.parse(value, TIME);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String cut(String value) {
        return value.length() > 1000 ? value.substring(0, 1000) + "…" : value;
    }

    private static final class BadColumn extends Exception {
        BadColumn(String message) {
            super(message, null, false, false);
        }
    }
}
