package org.hotlinepulse.cdr;

import java.io.Serializable;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * What a reader of a PBX or vendor format needs besides the file: the zone its local times are written in, the
 * {@code source} to stamp on its records, the Asterisk queue_log files to join and the column-mapping file of
 * {@code mapped-csv}. The canonical formats (jsonl, avro) ignore it.
 *
 * @param source the {@code source} of every record, or null for the format's default (e.g. {@code asterisk})
 * @param zone the zone of local times in the input (Asterisk Master.csv, mapped CSV without offsets)
 * @param queueLogs paths of Asterisk queue_log files to join with Master.csv; empty for none
 * @param mapping path of the mapped-csv column-mapping YAML, or null
 */
public record CdrInputOptions(String source, ZoneId zone, List<String> queueLogs, String mapping)
        implements Serializable {

    /** No source override, UTC, no queue_log, no mapping. */
    public static final CdrInputOptions DEFAULTS = new CdrInputOptions(null, ZoneOffset.UTC, List.of(), null);

    public CdrInputOptions {
        Objects.requireNonNull(zone, "zone");
        queueLogs = List.copyOf(queueLogs);
    }

    /** The given source, or {@code fallback} when none was configured. */
    public String sourceOr(String fallback) {
        return source == null || source.isBlank() ? fallback : source;
    }
}
