package org.hotlinepulse.cdr.asterisk;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hotlinepulse.cdr.CdrInputOptions;

/**
 * Which public line a Master.csv record dialled, when {@code dst} is not the public number itself (a DID that
 * arrives as {@code s} in a trunk's context, an internal extension): a YAML map from {@code dcontext/dst} or
 * {@code dst} to the line number. Without an entry, {@code dst} is the line.
 */
public final class AsteriskLineMap {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final AsteriskLineMap NONE = new AsteriskLineMap(Map.of());

    private final Map<String, String> lines;

    private AsteriskLineMap(Map<String, String> lines) {
        this.lines = lines;
    }

    /** The map the options name, or none. */
    static AsteriskLineMap of(CdrInputOptions options) throws IOException {
        return options.lineMap() == null ? NONE : load(Path.of(options.lineMap()));
    }

    static AsteriskLineMap none() {
        return NONE;
    }

    /**
     * Reads and checks a map file.
     *
     * @throws IOException naming the file (and the key) when it is missing, not a YAML map of strings, or maps to
     *     something that is not a telephone number
     */
    public static AsteriskLineMap load(Path file) throws IOException {
        String name = file.getFileName().toString();
        Map<String, String> read;
        try {
            read = YAML.readValue(Files.readAllBytes(file), new TypeReference<LinkedHashMap<String, String>>() {});
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new IOException(name + (line > 0 ? " line " + line : "") + ": not a map of dialled numbers to"
                    + " lines (\"from-pstn/s\": \"037167890001\"): " + e.getOriginalMessage(), e);
        }
        if (read == null) {
            throw new IOException(name + ": the file is empty; it must map dcontext/dst or dst to line numbers");
        }
        for (Map.Entry<String, String> e : read.entrySet()) {
            if (e.getValue() == null || !e.getValue().matches("\\+?[0-9]{1,32}")) {
                throw new IOException(name + ": \"" + e.getKey() + "\" maps to \"" + e.getValue()
                        + "\", which is not a line number (1 to 32 characters: digits, with an optional leading +)");
            }
        }
        return new AsteriskLineMap(Map.copyOf(read));
    }

    /** The line of a record: the entry for dcontext/dst, else for dst, else dst itself. */
    String lineOf(String dcontext, String dst) {
        if (lines.isEmpty()) {
            return dst;
        }
        String line = lines.get(dcontext + "/" + dst);
        return line != null ? line : lines.getOrDefault(dst, dst);
    }
}
