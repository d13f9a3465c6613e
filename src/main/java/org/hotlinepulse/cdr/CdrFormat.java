package org.hotlinepulse.cdr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.hotlinepulse.cdr.asterisk.AsteriskCsvReader;
import org.hotlinepulse.cdr.mapped.MappedCsvReader;
import org.hotlinepulse.cdr.freeswitch.FreeswitchCsvReader;
import org.hotlinepulse.cdr.freeswitch.FreeswitchJsonReader;

/** The input file formats this package reads, by their command-line names. */
public enum CdrFormat {

    /** One canonical CDR per line as a JSON object (docs/cdr-formats.md). */
    JSONL("jsonl"),
    /** An Avro object container file of canonical CDRs written with any compatible version of cdr.avsc. */
    AVRO("avro"),
    /** Length-prefixed CDR messages of the Kafka wire format, Avro single-object encoded ({@link WireFileCdrReader}). */
    WIRE("wire"),
    /** Asterisk cdr_csv Master.csv, optionally joined with queue_log files (docs/pbx-formats.md). */
    ASTERISK_CSV("asterisk-csv"),
    /** Any other CSV (carriers, call-centre vendors) read with a YAML column mapping (docs/pbx-formats.md). */
    MAPPED_CSV("mapped-csv"),
    /** FreeSWITCH mod_cdr_csv, default template "example" (docs/freeswitch.md). */
    FREESWITCH_CSV("freeswitch-csv"),
    /** FreeSWITCH mod_json_cdr documents: one per line, or one per .json file (docs/freeswitch.md). */
    FREESWITCH_JSON("freeswitch-json");

    /** The source name of FreeSWITCH's CDRs when none is configured. */
    public static final String FREESWITCH_SOURCE = "freeswitch";

    private final String cliName;

    CdrFormat(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line, e.g. {@code --format jsonl}. */
    public String cliName() {
        return cliName;
    }

    /**
     * True for formats written by a PBX or vendor, which always carry raw caller numbers: their hashes must be
     * stable across runs and machines, so a configured key is required.
     */
    public boolean needsConfiguredKey() {
        return this != JSONL && this != AVRO && this != WIRE;
    }

    /** The format with this command-line name (case and surrounding spaces ignored). */
    public static CdrFormat fromName(String name) {
        if (name != null) {
            String wanted = name.strip().toLowerCase(Locale.ROOT);
            for (CdrFormat format : values()) {
                if (format.cliName.equals(wanted)) {
                    return format;
                }
            }
        }
        if (name != null && name.strip().equalsIgnoreCase("asterisk-queue-log")) {
            throw new IllegalArgumentException("a queue_log has no dialled number and no call start: read it with"
                    + " --format asterisk-csv --cdr Master.csv --queue-log queue_log");
        }
        throw new IllegalArgumentException("unknown CDR format \"" + name + "\": valid formats are " + validNames());
    }

    /** The valid command-line names, comma-separated. */
    public static String validNames() {
        return Arrays.stream(values()).map(CdrFormat::cliName).collect(Collectors.joining(", "));
    }

    /**
     * Checks, before any record is read, that a readable file can be read as this format: for Avro, that it is a
     * container file (of a codec read here) whose writer schema can be read as cdr.avsc. The line formats have no
     * header to check: a bad line is a rejection.
     *
     * @throws IOException naming the file and why it cannot be read
     */
    public void check(Path file) throws IOException {
        if (this == AVRO) {
            AvroCdrReader.check(file);
        }
    }

    /**
     * Opens a file of this format; records are named by the file name.
     *
     * @throws IOException when the file cannot be opened (e.g. {@link java.nio.file.NoSuchFileException}) or, for
     *     Avro, is not a container file of a compatible schema; the message names the file
     */
    public CdrReader open(Path file, CallerPseudonymiser pseudonymiser) throws IOException {
        return open(file, pseudonymiser, CdrInputOptions.DEFAULTS);
    }

    /**
     * Opens a file of this format with the options of the PBX and vendor formats (zone, source, queue_log,
     * column mapping); the canonical formats ignore them.
     *
     * @throws IOException when a file cannot be opened or, for mapped-csv, the mapping file is unusable; the
     *     message names the file
     */
    public CdrReader open(Path file, CallerPseudonymiser pseudonymiser, CdrInputOptions options)
            throws IOException {
        switch (this) {
            case JSONL:
                return new JsonLinesCdrReader(file, pseudonymiser);
            case AVRO:
                return new AvroCdrReader(file, pseudonymiser);
            case WIRE:
                return new WireFileCdrReader(file, pseudonymiser);
            case ASTERISK_CSV:
                return new AsteriskCsvReader(file, pseudonymiser, options);
            case MAPPED_CSV:
                return new MappedCsvReader(file, pseudonymiser, options);
            case FREESWITCH_CSV:
                return new FreeswitchCsvReader(file, pseudonymiser, options);
            case FREESWITCH_JSON:
                return new FreeswitchJsonReader(file, pseudonymiser, options);
            default:
                throw new IllegalStateException("unhandled format " + this);
        }
    }
}
