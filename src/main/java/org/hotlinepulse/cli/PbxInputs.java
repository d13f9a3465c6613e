package org.hotlinepulse.cli;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.cdr.asterisk.AsteriskLineMap;
import org.hotlinepulse.cdr.mapped.CsvMappingLoader;

/** Checks the options of the PBX and vendor formats (asterisk-csv, mapped-csv) before anything runs. */
final class PbxInputs {
    private PbxInputs() {}

    static CdrInputOptions options(CdrFormat format, List<Path> queueLogs, Path mapping, String source,
                                   String timezone, ZoneId directoryZone) throws UsageError {
        if (!queueLogs.isEmpty() && format != CdrFormat.ASTERISK_CSV) {
            throw new UsageError("--queue-log: only --format asterisk-csv reads a queue_log");
        }
        if (mapping != null && format != CdrFormat.MAPPED_CSV) {
            throw new UsageError("--mapping: only --format mapped-csv reads a column mapping");
        }
        if (format == CdrFormat.MAPPED_CSV) {
            if (mapping == null) {
                throw new UsageError("--format mapped-csv needs --mapping FILE (docs/pbx-formats.md)");
            }
            CommandInputs.requireReadableFiles(List.of(mapping));
            try {
                CsvMappingLoader.load(mapping);
            } catch (java.io.IOException e) {
                throw new UsageError(e.getMessage());
            }
        }
        CommandInputs.requireReadableFiles(queueLogs);
        if (source != null && (source.isBlank() || source.length() > 64 || source.contains(":"))) {
            throw new UsageError("--source: \"" + source + "\" must be 1 to 64 characters without ':'");
        }
        return new CdrInputOptions(source, zone(timezone, directoryZone),
                queueLogs.stream().map(Path::toString).toList(), mapping == null ? null : mapping.toString());
    }

    /** The line map's path after checking the file, or null when none is given. */
    static String lineMap(CdrFormat format, Path file) throws UsageError {
        if (file == null) {
            return null;
        }
        if (format != CdrFormat.ASTERISK_CSV) {
            throw new UsageError("--line-map: only --format asterisk-csv reads a line map");
        }
        CommandInputs.requireReadableFiles(List.of(file));
        try {
            AsteriskLineMap.load(file);
        } catch (java.io.IOException e) {
            throw new UsageError(e.getMessage());
        }
        return file.toString();
    }

    static List<String> inboundContexts(CdrFormat format, List<String> contexts) throws UsageError {
        if (!contexts.isEmpty() && format != CdrFormat.ASTERISK_CSV) {
            throw new UsageError("--inbound-context: only --format asterisk-csv has dialplan contexts");
        }
        return contexts;
    }

    private static ZoneId zone(String timezone, ZoneId directoryZone) throws UsageError {
        if (timezone == null) {
            return directoryZone;
        }
        if (timezone.equalsIgnoreCase("UTC")) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new UsageError("--cdr-timezone: \"" + timezone + "\" is not a time zone (e.g. Asia/Shanghai, UTC)");
        }
    }
}
