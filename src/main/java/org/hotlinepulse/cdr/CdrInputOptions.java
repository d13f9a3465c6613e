package org.hotlinepulse.cdr;

import java.io.Serializable;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * What a reader of a PBX or vendor format needs besides the file: the zone its local times are written in, the
 * {@code source} to stamp on its records, the Asterisk queue_log files to join and the column-mapping file of
 * {@code mapped-csv}. The canonical formats (jsonl, avro, wire) ignore it.
 *
 * @param source the {@code source} of every record, or null for the format's default (e.g. {@code asterisk})
 * @param zone the zone of local times in the input (Asterisk Master.csv, mapped CSV without offsets)
 * @param queueLogs paths of Asterisk queue_log files to join with Master.csv; empty for none
 * @param mapping path of the mapped-csv column-mapping YAML, or null
 * @param lineMap path of the asterisk-csv line map (dcontext/dst or dst to line number), or null
 * @param inboundContexts asterisk-csv: the dcontext values of calls to the hotline; records of other contexts
 *     (calls the hotline places, internal calls) are skipped; empty for all
 */
public record CdrInputOptions(String source, ZoneId zone, List<String> queueLogs, String mapping, String lineMap,
                              List<String> inboundContexts) implements Serializable {

    /** No source override, UTC, no queue_log, no mapping, no line map. */
    public static final CdrInputOptions DEFAULTS = new CdrInputOptions(null, ZoneOffset.UTC, List.of(), null);

    public CdrInputOptions {
        Objects.requireNonNull(zone, "zone");
        queueLogs = List.copyOf(queueLogs);
        inboundContexts = List.copyOf(inboundContexts);
    }

    /** Options without an Asterisk line map or context filter. */
    public CdrInputOptions(String source, ZoneId zone, List<String> queueLogs, String mapping) {
        this(source, zone, queueLogs, mapping, null, List.of());
    }

    /** Options without an Asterisk context filter. */
    public CdrInputOptions(String source, ZoneId zone, List<String> queueLogs, String mapping, String lineMap) {
        this(source, zone, queueLogs, mapping, lineMap, List.of());
    }

    /** These options with an Asterisk line map (a path, or null for none). */
    public CdrInputOptions withLineMap(String path) {
        return new CdrInputOptions(source, zone, queueLogs, mapping, path, inboundContexts);
    }

    /** These options with the Asterisk contexts (dcontext) of calls to the hotline; empty: every context. */
    public CdrInputOptions withInboundContexts(List<String> contexts) {
        return new CdrInputOptions(source, zone, queueLogs, mapping, lineMap, contexts);
    }

    /** The given source, or {@code fallback} when none was configured. */
    public String sourceOr(String fallback) {
        return source == null || source.isBlank() ? fallback : source;
    }
}
