package org.hotlinepulse.cli;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.cdr.CdrInputOptions;
import picocli.CommandLine.Option;

/** The options of the PBX and vendor formats, shared by {@code replay} and {@code ingest}. */
final class PbxOptions {
    @Option(names = "--queue-log", paramLabel = "FILE",
            description = "asterisk-csv: an Asterisk queue_log file to join with Master.csv (repeat the option for "
                    + "several).")
    List<Path> queueLogs = List.of();

    @Option(names = "--line-map", paramLabel = "FILE",
            description = "asterisk-csv: YAML map from dcontext/dst or dst to the public line number, "
                    + "for records whose dst is not the number dialled.")
    Path lineMap;

    @Option(names = "--inbound-context", paramLabel = "CONTEXT",
            description = "asterisk-csv: a dialplan context (dcontext) of calls to the hotline (repeat the option for "
                    + "several); records of other contexts (callbacks, internal calls) are skipped unread. Default: "
                    + "every context.")
    List<String> inboundContexts = List.of();

    @Option(names = "--mapping", paramLabel = "FILE",
            description = "mapped-csv: the YAML file naming which column holds which CDR field.")
    Path mapping;

    @Option(names = "--source", paramLabel = "NAME",
            description = "PBX formats: the source of the records and the prefix of their call_id "
                    + "(default: asterisk, freeswitch, or the mapping's source).")
    String source;

    @Option(names = {"--cdr-timezone", "--pbx-timezone"}, paramLabel = "ZONE",
            description = "PBX formats: the zone of local times in the files, e.g. Asia/Shanghai or UTC "
                    + "(Asterisk usegmtime=yes) (default: replay, the directory's timezone; ingest, this "
                    + "machine's).")
    String cdrTimezone;

    /** The checked options for reading files of {@code format}; local times default to {@code defaultZone}. */
    CdrInputOptions of(CdrFormat format, ZoneId defaultZone) throws UsageError {
        return PbxInputs.options(format, queueLogs, mapping, source, cdrTimezone, defaultZone)
                .withLineMap(PbxInputs.lineMap(format, lineMap))
                .withInboundContexts(PbxInputs.inboundContexts(format, inboundContexts));
    }

    /** True when a file-only option (queue_log, line map or column mapping) was given. */
    boolean namesFiles() {
        return !queueLogs.isEmpty() || lineMap != null || mapping != null;
    }
}
