package org.hotlinepulse.directory;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.hotlinepulse.yaml.YamlBinding;
import org.hotlinepulse.yaml.YamlException;
import org.hotlinepulse.yaml.YamlScan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the directory YAML of contract §5: Jackson binds it to {@link DirectoryFile}, then
 * {@link DirectoryChecker} validates all of it before anything is built, so a typo is reported
 * instead of ignored. Each problem is one line naming the file, the entry and the YAML line, e.g.
 * {@code directory.yaml: lines[3] (number 037167890001): department "zz-x" is not defined in
 * departments (line 14)}; list indexes count from 0. A file whose shape is wrong (a list where a
 * mapping belongs) is reported at its first such problem; otherwise every problem is reported.
 */
public final class DirectoryYamlLoader {

    /** The time zone of service hours when the file has no {@code timezone}. */
    public static final ZoneId DEFAULT_TIMEZONE = ZoneId.of("Asia/Shanghai");

    private static final ObjectMapper YAML = YamlBinding.mapper();
    private static final String LINES = "each published line with number, department and hours";
    private static final String DEPARTMENTS = "each department with id and name";
    private static final Pattern ENTRY = Pattern.compile("(lines|departments|closures)\\[\\d+]");

    private DirectoryYamlLoader() {
    }

    /**
     * Reads a directory file (UTF-8, a byte order mark is allowed).
     *
     * @throws DirectoryException when the file is missing, unreadable, not YAML or invalid
     */
    public static Directory load(Path file) throws DirectoryException {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new DirectoryException(name + ": is a folder, not a directory YAML file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DirectoryException(name + ": file not found", e);
        } catch (AccessDeniedException e) {
            throw new DirectoryException(name + ": cannot read the file (permission denied)", e);
        } catch (IOException e) {
            throw new DirectoryException(name + ": cannot read the file: " + e.getMessage(), e);
        }
        return parse(decodeUtf8(bytes, name), name);
    }

    /**
     * Reads a directory from YAML text; {@code sourceName} starts every error message.
     *
     * @throws DirectoryException when the text is not YAML or the directory is invalid
     */
    public static Directory parse(String yaml, String sourceName) throws DirectoryException {
        YamlScan scan;
        try {
            scan = YamlScan.of(yaml, "directory");
        } catch (YamlException e) {
            throw new DirectoryException(sourceName + ": " + (e.isSyntaxError() ? "YAML syntax error: " + e.getMessage()
                    : e.getMessage() + (e.line() > 0 ? " (line " + e.line() + ")" : "")));
        }
        YamlScan.Scalar root = scan.scalar("");
        if (scan.isEmpty() || root != null && root.token() == JsonToken.VALUE_NULL) {
            throw new DirectoryException(sourceName + ": the file is empty; a directory needs departments and lines");
        }
        DirectoryChecker checker = new DirectoryChecker(sourceName, scan);
        DirectoryFile file;
        try {
            file = YAML.readerFor(DirectoryFile.class).withHandler(new UnknownKeys(checker)).readValue(yaml);
        } catch (JsonMappingException e) {
            throw new DirectoryException(shapeProblem(e, scan, checker, sourceName));
        } catch (IOException e) {
            throw new DirectoryException(sourceName + ": cannot be read: " + e.getMessage());
        }
        return checker.check(file);
    }

    /** The problem that kept the file from binding: a value of the wrong shape, in the words of the checks after it. */
    private static String shapeProblem(JsonMappingException e, YamlScan scan, DirectoryChecker checker, String source) {
        String path = YamlBinding.pathOf(e);
        String pattern = path.replaceAll("\\[\\d+]", "[]");
        Matcher entry = ENTRY.matcher(path);
        String label = entry.lookingAt() ? (entry.group().equals(path) ? path : checker.label(entry.group()))
                : pattern.endsWith("[]") ? path : "";
        String key = path.substring(Math.max(path.lastIndexOf('.'), path.lastIndexOf(']')) + 1);
        String message = switch (pattern) {
            case "" -> "expected the keys " + String.join(", ", keysOf(DirectoryFile.class)) + " at the top level";
            case "calendar" -> "calendar must be a mapping with holidays and workdays";
            case "calendar.holidays", "calendar.workdays" -> path + " must be a list of dates such as [2026-10-01, 2026-10-02]";
            case "calendar.holidays[]", "calendar.workdays[]" -> "expected a date such as 2026-10-01";
            case "departments" -> "departments must be a list; list " + DEPARTMENTS;
            case "departments[]" -> mappingWith(DirectoryFile.DepartmentEntry.class);
            case "lines" -> "lines must be a list; list " + LINES;
            case "lines[]" -> mappingWith(DirectoryFile.LineEntry.class);
            case "lines[].number" -> "number must be a phone number in quotes, such as \"037167890001\"";
            case "lines[].thresholds" -> "thresholds must be a mapping such as { constant_busy_share: 0.8 }";
            case "closures" -> "closures must be a list of entries with lines, from, to and reason";
            case "closures[]" -> mappingWith(DirectoryFile.ClosureEntry.class);
            case "closures[].lines" -> "lines must be a list of line numbers such as [\"037167890001\"]";
            case "closures[].lines[]" -> "line must be a phone number in quotes, such as \"037167890001\"";
            default -> e instanceof MismatchedInputException m && m.getTargetType() == String.class
                    ? key + " must be text, not a " + (scan.token(path) == JsonToken.START_ARRAY ? "list" : "mapping")
                    : key + (scan.scalar(path) == null ? "" : " \"" + scan.scalar(path).text() + "\"")
                            + " cannot be read: " + e.getOriginalMessage();
        };
        return DirectoryChecker.format(source, label, message, checker.lineOf(path));
    }

    /** Reports an unknown key and lets binding go on, so that it is reported with every other problem. */
    private static final class UnknownKeys extends DeserializationProblemHandler {
        private final DirectoryChecker checker;

        UnknownKeys(DirectoryChecker checker) {
            this.checker = checker;
        }

        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                             Object entry, String key) throws IOException {
            // Records are bound once all their keys are read: the context is then the entry's own.
            String path = YamlScan.pathOf(ctxt.getParser().getParsingContext());
            path = path.endsWith("." + key) ? path.substring(0, path.length() - key.length() - 1) : path;
            checker.unknownKey(path, key, keysOf(entry instanceof Class<?> type ? type : entry.getClass()));
            p.skipChildren();
            return true;
        }
    }

    /** "must be a mapping with number, department, ...": the keys of an entry of the file. */
    static String mappingWith(Class<? extends Record> entry) {
        return "must be a mapping with " + String.join(", ", keysOf(entry));
    }

    /** The keys a record of {@link DirectoryFile} binds, in the order they are declared. */
    private static List<String> keysOf(Class<?> type) {
        PropertyNamingStrategies.NamingBase snakeCase = (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
        return type == null || !type.isRecord() ? List.of()
                : Arrays.stream(type.getRecordComponents()).map(c -> snakeCase.translate(c.getName())).toList();
    }

    private static String decodeUtf8(byte[] bytes, String name) throws DirectoryException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new DirectoryException(name + ": is not UTF-8 text (line " + line + "); save it with UTF-8 encoding");
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        // Editors on Windows often save UTF-8 with a byte order mark; YAML would treat it as content.
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
