package org.hotlinepulse.ingest;

import java.io.InputStream;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.cdr.CdrReader;
import org.hotlinepulse.cdr.JsonLinesCdrReader;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.cdr.freeswitch.FreeswitchCsvReader;
import org.hotlinepulse.cdr.freeswitch.FreeswitchJsonReader;

/** Readers over a piece of a growing file, for the formats whose records are lines (what {@code --follow} reads). */
final class StreamReaders {

    private StreamReaders() {}

    /** True when the format's records are lines, so that a file can be followed as it grows. */
    static boolean isLineFormat(CdrFormat format) {
        return format == CdrFormat.JSONL || format == CdrFormat.FREESWITCH_CSV || format == CdrFormat.FREESWITCH_JSON;
    }

    /** A reader of complete lines; origin names the records. */
    static CdrReader open(CdrFormat format, InputStream in, String origin, CallerPseudonymiser pseudonymiser,
                          CdrInputOptions pbx) {
        return switch (format) {
            case JSONL -> new JsonLinesCdrReader(in, origin, pseudonymiser);
            case FREESWITCH_CSV -> new FreeswitchCsvReader(in, origin, pseudonymiser, pbx);
            case FREESWITCH_JSON -> new FreeswitchJsonReader(in, origin, false, pseudonymiser, pbx);
            default -> throw new IllegalArgumentException("--follow reads line formats only, not " + format.cliName());
        };
    }
}
