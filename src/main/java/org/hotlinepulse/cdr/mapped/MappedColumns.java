package org.hotlinepulse.cdr.mapped;

import java.util.HashMap;
import java.util.Map;

/** The 0-based index of each mapped field, resolved from the header line or the mapping's column numbers. */
final class MappedColumns {

    private final Map<String, Integer> byName = new HashMap<>();
    private final String[] names;
    private final CsvMapping.Columns columns;

    private MappedColumns(String[] names, CsvMapping.Columns columns) {
        this.names = names;
        this.columns = columns;
        for (int i = 0; i < names.length; i++) {
            byName.putIfAbsent(names[i].strip(), i);
        }
    }

    /** Columns named by a header line. */
    static MappedColumns fromHeader(String[] header, CsvMapping.Columns columns) {
        return new MappedColumns(header, columns);
    }

    /** Columns numbered from 1, named "column N". */
    static MappedColumns numbered(int count, CsvMapping.Columns columns) {
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = String.valueOf(i + 1);
        }
        return new MappedColumns(names, columns);
    }

    /** The 1-based number a column reference holds, or -1. */
    static int number(String reference) {
        try {
            return Integer.parseInt(reference.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The mapped field references missing from this file, or null when all are there. */
    String missing() {
        for (String ref : new String[] {columns.callId(), columns.line(), columns.caller(), columns.startTime(),
                columns.queueTime(), columns.answerTime(), columns.endTime(), columns.durationSeconds(),
                columns.outcome(), columns.releaseCause(), columns.agentId()}) {
            if (ref != null && !byName.containsKey(ref.strip())) {
                return ref;
            }
        }
        return null;
    }

    /** The index of a column reference, or -1 when the field is not mapped. */
    int index(String reference) {
        return reference == null ? -1 : byName.getOrDefault(reference.strip(), -1);
    }

    /** The name of a column for reasons and rejected records. */
    String name(int index) {
        return index < names.length ? names[index] : String.valueOf(index + 1);
    }

    CsvMapping.Columns mapped() {
        return columns;
    }
}
