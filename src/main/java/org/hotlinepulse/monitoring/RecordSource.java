package org.hotlinepulse.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hotlinepulse.cdr.CdrValidator;
import org.hotlinepulse.cdr.InputRecord;

import java.io.IOException;

/**
 * The {@code source} a record is counted under: the CDR's, or for a rejected record the
 * {@code source} its raw JSON names, when it was decoded that far and the value is one the validator
 * accepts as a source (a rejected record's fields are hostile: an over-long value must not become a
 * label of the job's metrics).
 */
public final class RecordSource {
    /** The label of a rejected record whose source cannot be told. */
    public static final String UNKNOWN = "unknown";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordSource() {}

    /** The source, or null for a valid CDR without one ({@link SourceCounters} labels it the default feed). */
    public static String of(InputRecord record) {
        if (record.cdr != null) {
            return record.cdr.getSource();
        }
        try {
            JsonNode source = record.rawRecord == null ? null : JSON.readTree(record.rawRecord).get("source");
            return source != null && source.isTextual() && CdrValidator.isWithinIdLength(source.asText())
                    ? source.asText() : UNKNOWN;
        } catch (IOException notJson) {
            return UNKNOWN;
        }
    }
}
