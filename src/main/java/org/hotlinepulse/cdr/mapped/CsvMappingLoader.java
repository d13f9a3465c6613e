package org.hotlinepulse.cdr.mapped;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hotlinepulse.avro.Outcome;

/**
 * Loads and checks a {@link CsvMapping} YAML file. Every problem is one line naming the file, the YAML line and
 * the field, e.g. {@code carrier.yaml line 4: unknown field "colums" (known: source, separator, ...)}.
 */
public final class CsvMappingLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final long MAX_BYTES = 1 << 20;

    private CsvMappingLoader() {}

    /**
     * The mapping in the file, checked.
     *
     * @throws IOException naming the file (and line and field) when it is missing, not YAML, or not a usable mapping
     */
    public static CsvMapping load(Path file) throws IOException {
        String name = file.getFileName().toString();
        CsvMapping mapping;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IOException(name + ": larger than " + MAX_BYTES + " bytes; not a column mapping");
            }
            try (InputStream in = Files.newInputStream(file)) {
                mapping = YAML.readValue(in, CsvMapping.class);
            }
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        } catch (UnrecognizedPropertyException e) {
            // With records, Jackson reports where the object ends; the key's own line is what a person needs.
            throw new IOException(lineOfKey(file, name, e) + "unknown field \"" + e.getPropertyName() + "\" (known: "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", "))
                    + ")", e);
        } catch (InvalidFormatException e) {
            String valid = e.getTargetType() == Outcome.class ? " is not one of " + outcomeNames()
                    : " is not a " + e.getTargetType().getSimpleName();
            throw new IOException(where(name, e) + path(e) + ": \"" + e.getValue() + "\"" + valid, e);
        } catch (DatabindException e) {
            throw new IOException(where(name, e) + path((JsonMappingException) e) + ": " + e.getOriginalMessage(), e);
        } catch (JacksonException e) {
            throw new IOException(where(name, e) + "not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (mapping == null) {
            throw new IOException(name + ": the file is empty; it must hold a column mapping");
        }
        check(name, mapping);
        return mapping;
    }

    private static void check(String name, CsvMapping m) throws IOException {
        if (m.columns() == null) {
            throw new IOException(name + ": columns is required (which column holds call_id, line, start_time, ...)");
        }
        CsvMapping.Columns c = m.columns();
        require(name, "call_id", c.callId());
        require(name, "line", c.line());
        require(name, "start_time", c.startTime());
        if (c.endTime() == null && c.durationSeconds() == null) {
            throw new IOException(name + ": columns.end_time or columns.duration_seconds is required");
        }
        if (m.separator() != null && m.separator().length() != 1) {
            throw new IOException(name + ": separator \"" + m.separator() + "\" must be one character");
        }
        if (c.outcome() != null && (m.outcomes() == null || m.outcomes().isEmpty())) {
            throw new IOException(name + ": columns.outcome is given, so outcomes must map its values, e.g."
                    + " outcomes: {\"Answered\": ANSWERED, \"Busy\": BUSY}");
        }
        if (!m.hasHeader()) {
            for (String column : Arrays.asList(c.callId(), c.line(), c.caller(), c.startTime(), c.queueTime(),
                    c.answerTime(), c.endTime(), c.durationSeconds(), c.outcome(), c.releaseCause(), c.agentId())) {
                if (column != null && MappedColumns.number(column) < 1) {
                    throw new IOException(name + ": header is false, so columns are numbered from 1; \"" + column
                            + "\" is not a column number");
                }
            }
        }
        if (m.timezone() != null) {
            try {
                ZoneId.of(m.timezone());
            } catch (DateTimeException e) {
                throw new IOException(name + ": timezone \"" + m.timezone() + "\" is not a time zone (e.g."
                        + " Asia/Shanghai, UTC)");
            }
        }
        try {
            MappedTimes.of(m.timeFormat(), ZoneId.of("UTC"));
        } catch (IllegalArgumentException e) {
            throw new IOException(name + ": time_format \"" + m.timeFormat() + "\" is neither iso, epoch_seconds,"
                    + " epoch_millis nor a java.time pattern: " + e.getMessage());
        }
    }

    private static void require(String name, String field, String column) throws IOException {
        if (column == null || column.isBlank()) {
            throw new IOException(name + ": columns." + field + " is required");
        }
    }

    private static String where(String name, JacksonException e) {
        JsonLocation location = e.getLocation();
        return location != null && location.getLineNr() > 0 ? name + " line " + location.getLineNr() + ": "
                : name + ": ";
    }

    private static String lineOfKey(Path file, String name, UnrecognizedPropertyException e) throws IOException {
        List<String> lines = Files.readAllLines(file);
        Pattern key = Pattern.compile("^\\s*(- )?[\"']?" + Pattern.quote(e.getPropertyName()) + "[\"']?\\s*:.*");
        for (int i = 0; i < lines.size(); i++) {
            if (key.matcher(lines.get(i)).matches()) {
                return name + " line " + (i + 1) + ": ";
            }
        }
        return where(name, e);
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String outcomeNames() {
        return Arrays.stream(Outcome.values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
