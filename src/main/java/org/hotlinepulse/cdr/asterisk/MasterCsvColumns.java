package org.hotlinepulse.cdr.asterisk;

import java.util.List;

/**
 * The column layouts Asterisk's cdr_csv writes (no header): 16 base columns; then {@code uniqueid} (option
 * loguniqueid) and {@code userfield} (loguserfield); then {@code peeraccount, linkedid, sequence}
 * (newcdrcolumns). Which are present is told by the column count; 17 and 20 columns hold one of uniqueid and
 * userfield, told apart by the shape of the value (an Asterisk uniqueid is {@code <epoch>.<sequence>}).
 */
final class MasterCsvColumns {

    static final List<String> BASE = List.of("accountcode", "src", "dst", "dcontext", "clid", "channel",
            "dstchannel", "lastapp", "lastdata", "start", "answer", "end", "duration", "billsec", "disposition",
            "amaflags");
    static final int MAX_COLUMNS = 21;

    private final List<String> names;

    private MasterCsvColumns(List<String> names) {
        this.names = names;
    }

    /** The layout of a record with these fields, or null when no cdr_csv layout has that many columns. */
    static MasterCsvColumns of(String[] fields) {
        int n = fields.length;
        if (n < BASE.size() || n > MAX_COLUMNS) {
            return null;
        }
        List<String> optional;
        switch (n - BASE.size()) {
            case 0 -> optional = List.of();
            case 1 -> optional = List.of(uniqueidOrUserfield(fields[16]));
            case 2 -> optional = List.of("uniqueid", "userfield");
            case 3 -> optional = List.of("peeraccount", "linkedid", "sequence");
            case 4 -> optional = List.of(uniqueidOrUserfield(fields[16]), "peeraccount", "linkedid", "sequence");
            default -> optional = List.of("uniqueid", "userfield", "peeraccount", "linkedid", "sequence");
        }
        return new MasterCsvColumns(concat(optional));
    }

    private static String uniqueidOrUserfield(String value) {
        return AsteriskIds.isUniqueid(value) ? "uniqueid" : "userfield";
    }

    private static List<String> concat(List<String> optional) {
        return java.util.stream.Stream.concat(BASE.stream(), optional.stream()).toList();
    }

    /** The 0-based index of a column, or -1 when this layout lacks it. */
    int indexOf(String name) {
        return names.indexOf(name);
    }

    /** The column names in order. */
    List<String> names() {
        return names;
    }

    /** The value of a column, or "" when this layout lacks it. */
    String get(String[] fields, String name) {
        int i = names.indexOf(name);
        return i < 0 ? "" : fields[i];
    }

    /** Why a record with this many fields is not a cdr_csv record. */
    static String wrongCount(int n) {
        return "the record has " + n + " columns; Asterisk cdr_csv writes 16 to " + MAX_COLUMNS
                + " (accountcode … amaflags, then uniqueid, userfield, peeraccount, linkedid, sequence)";
    }
}
