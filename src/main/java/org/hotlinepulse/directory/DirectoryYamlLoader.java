package org.hotlinepulse.directory;

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
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;
import org.hotlinepulse.directory.YamlTree.Kind;
import org.hotlinepulse.directory.YamlTree.ListNode;
import org.hotlinepulse.directory.YamlTree.MapNode;
import org.hotlinepulse.directory.YamlTree.Node;
import org.hotlinepulse.directory.YamlTree.ScalarNode;

/**
 * Reads the directory YAML of contract §5 and validates all of it before anything is built, so a
 * typo is reported instead of ignored. Each problem is one line naming the file, the entry and
 * the YAML line, e.g. {@code directory.yaml: lines[3] (number 037167890001): department "zz-x"
 * is not defined in departments (line 14)}; list indexes count from 0.
 */
public final class DirectoryYamlLoader {

    /** The time zone of service hours when the file has no {@code timezone}. */
    public static final ZoneId DEFAULT_TIMEZONE = ZoneId.of("Asia/Shanghai");

    /**
     * A threshold of contract §6 that cannot be set per line: the rule is about numbers missing
     * from the directory, so no line entry could ever apply it.
     */
    static final String JOB_WIDE_UNKNOWN_LINE_KEY = "unknown_line_attempts";

    /** Neither the job configuration nor the directory sets the unknown-line rule: it is fixed in code. */
    private static final String UNKNOWN_LINE_IS_FIXED = "threshold " + JOB_WIDE_UNKNOWN_LINE_KEY
            + " applies to numbers missing from the directory, so it cannot be set on a line; it cannot be set "
            + "anywhere else either: UNKNOWN_LINE fires at 3 attempts within 60 minutes in every job (docs/alerts.md)";

    private static final List<String> TOP_KEYS = List.of("timezone", "calendar", "departments", "lines", "closures");
    private static final List<String> CALENDAR_KEYS = List.of("holidays", "workdays");
    private static final List<String> DEPARTMENT_KEYS = List.of("id", "name");
    private static final List<String> LINE_KEYS =
            List.of("number", "department", "name", "hours", "expected_calls_per_hour", "thresholds");
    private static final List<String> CLOSURE_KEYS = List.of("lines", "from", "to", "reason");
    private static final Pattern LEADING_ZERO_DIGITS = Pattern.compile("[+-]?0[0-9_]+");
    private static final Pattern DATE_SPACE_TIME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}) +(\\d.*)");

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
        Node root;
        try {
            root = YamlTree.read(yaml);
        } catch (YamlTree.SyntaxException e) {
            throw new DirectoryException(sourceName + ": " + e.getMessage());
        }
        if (root == null || root instanceof ScalarNode s && s.isNull()) {
            throw new DirectoryException(sourceName + ": the file is empty; a directory needs departments and lines");
        }
        if (!(root instanceof MapNode top)) {
            throw new DirectoryException(sourceName + ": expected the keys " + String.join(", ", TOP_KEYS)
                    + " at the top level (line " + root.line() + ")");
        }
        return new Reading(sourceName).read(top);
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

    /** One pass over one document, collecting every problem it finds. */
    private static final class Reading {

        private record Problem(int line, String message) {
        }

        private final String source;
        private final List<Problem> problems = new ArrayList<>();

        Reading(String source) {
            this.source = source;
        }

        Directory read(MapNode top) throws DirectoryException {
            checkKeys(top, TOP_KEYS, "");
            ZoneId zone = readZone(top);
            ServiceCalendar calendar = readCalendar(top, zone);
            Map<String, Department> departments = readDepartments(top);
            Map<String, Line> lines = new LinkedHashMap<>();
            Set<String> knownNumbers = readLines(top, departments, lines);
            List<Closure> closures = readClosures(top, zone, knownNumbers);
            if (!problems.isEmpty()) {
                List<Problem> sorted = new ArrayList<>(problems);
                sorted.sort(Comparator.comparingInt(Problem::line));
                throw new DirectoryException(sorted.stream().map(Problem::message).toList());
            }
            try {
                return Directory.of(calendar, departments.values(), lines.values(), closures);
            } catch (IllegalArgumentException e) {
                throw new DirectoryException(source + ": " + e.getMessage());
            }
        }

        // ---------------------------------------------------------------- sections

        private ZoneId readZone(MapNode top) {
            Node node = top.get("timezone");
            String text = optionalText(node, "timezone", "");
            if (text == null) {
                return DEFAULT_TIMEZONE;
            }
            try {
                return ZoneId.of(text);
            } catch (DateTimeException e) {
                problem(node, "", "timezone \"" + text + "\" is not a time zone; use a region id such as Asia/Shanghai");
                return DEFAULT_TIMEZONE;
            }
        }

        private ServiceCalendar readCalendar(MapNode top, ZoneId zone) {
            Node node = top.get("calendar");
            if (node == null || isNull(node)) {
                return new ServiceCalendar(zone);
            }
            if (!(node instanceof MapNode calendar)) {
                problem(node, "", "calendar must be a mapping with holidays and workdays");
                return new ServiceCalendar(zone);
            }
            checkKeys(calendar, CALENDAR_KEYS, "calendar");
            Map<LocalDate, ListItem> holidays = readDates(calendar.get("holidays"), "calendar.holidays");
            Map<LocalDate, ListItem> workdays = readDates(calendar.get("workdays"), "calendar.workdays");
            for (Map.Entry<LocalDate, ListItem> e : new ArrayList<>(workdays.entrySet())) {
                LocalDate day = e.getKey();
                ListItem item = e.getValue();
                if (holidays.containsKey(day)) {
                    problem(item.node(), item.path(), day + " is also listed in calendar.holidays");
                    workdays.remove(day);
                } else if (day.getDayOfWeek().getValue() < 6) {
                    problem(item.node(), item.path(), day + " is a "
                            + day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                            + "; workdays lists make-up working days that fall on a Saturday or Sunday");
                    workdays.remove(day);
                }
            }
            return new ServiceCalendar(zone, holidays.keySet(), workdays.keySet());
        }

        /** Where a list item was written, for messages about it. */
        private record ListItem(Node node, String path) {
        }

        /** The dates of a calendar list, each with where it was written; bad entries left out. */
        private Map<LocalDate, ListItem> readDates(Node node, String path) {
            Map<LocalDate, ListItem> dates = new LinkedHashMap<>();
            if (node == null || isNull(node)) {
                return dates;
            }
            if (!(node instanceof ListNode list)) {
                problem(node, "", path + " must be a list of dates such as [2026-10-01, 2026-10-02]");
                return dates;
            }
            Map<LocalDate, Integer> firstIndex = new HashMap<>();
            for (int i = 0; i < list.items().size(); i++) {
                Node item = list.items().get(i);
                String itemPath = path + "[" + i + "]";
                String text = scalarText(item);
                if (text == null) {
                    problem(item, itemPath, "expected a date such as 2026-10-01");
                    continue;
                }
                LocalDate day;
                try {
                    day = LocalDate.parse(text);
                } catch (DateTimeParseException e) {
                    problem(item, itemPath, "\"" + text + "\" is not a date; expected YYYY-MM-DD such as 2026-10-01");
                    continue;
                }
                Integer earlier = firstIndex.putIfAbsent(day, i);
                if (earlier != null) {
                    problem(item, itemPath, day + " is listed twice, first as " + path + "[" + earlier + "]");
                    continue;
                }
                dates.put(day, new ListItem(item, itemPath));
            }
            return dates;
        }

        /**
         * The departments by id; null when the section, or the id of one of its entries, is
         * unusable, so that lines are not checked against an incomplete list.
         */
        private Map<String, Department> readDepartments(MapNode top) {
            List<MapNode> entries = entryList(top, "departments", "each department with id and name");
            if (entries == null) {
                return null;
            }
            Map<String, Department> departments = new LinkedHashMap<>();
            Map<String, Integer> firstIndex = new HashMap<>();
            boolean everyIdKnown = true;
            for (int i = 0; i < entries.size(); i++) {
                MapNode entry = entries.get(i);
                if (entry == null) {
                    everyIdKnown = false;
                    continue;
                }
                String path = "departments[" + i + "]";
                String id = requiredText(entry, "id", path, "");
                if (id == null) {
                    checkKeys(entry, DEPARTMENT_KEYS, path);
                    everyIdKnown = false;
                    continue;
                }
                String label = path + " (id " + id + ")";
                checkKeys(entry, DEPARTMENT_KEYS, label);
                String name = requiredText(entry, "name", label, "; write the department's name, e.g. 郑州市社会保险中心");
                Integer earlier = firstIndex.putIfAbsent(id, i);
                if (earlier != null) {
                    problem(entry.get("id"), label, "duplicate id, already used by departments[" + earlier + "]");
                    continue;
                }
                departments.put(id, new Department(id, name == null ? id : name));
            }
            // A line may name the department whose id could not be read: checking it would only repeat the problem.
            return everyIdKnown ? departments : null;
        }

        /**
         * Reads the lines into {@code lines} and returns every line number seen, valid entry or
         * not, so that closures are checked against what the author meant to list.
         */
        private Set<String> readLines(MapNode top, Map<String, Department> departments, Map<String, Line> lines) {
            Set<String> numbers = new HashSet<>();
            List<MapNode> entries = entryList(top, "lines", "each published line with number, department and hours");
            if (entries == null) {
                return null;
            }
            Map<String, Integer> firstIndex = new HashMap<>();
            for (int i = 0; i < entries.size(); i++) {
                MapNode entry = entries.get(i);
                if (entry == null) {
                    continue;
                }
                int problemsBefore = problems.size();
                String path = "lines[" + i + "]";
                String number = readNumber(entry.get("number"), entry, path, "number");
                String label = number == null ? path : path + " (number " + number + ")";
                checkKeys(entry, LINE_KEYS, label);
                if (number != null) {
                    numbers.add(number);
                    Integer earlier = firstIndex.putIfAbsent(number, i);
                    if (earlier != null) {
                        problem(entry.get("number"), label, "duplicate number, already used by lines[" + earlier + "]");
                    }
                }
                String departmentId = requiredText(entry, "department", label, "; write the id of one of the departments");
                if (departmentId != null && departments != null && !departments.containsKey(departmentId)) {
                    problem(entry.get("department"), label, "department \"" + departmentId + "\" is not defined in departments");
                }
                String name = optionalText(entry.get("name"), "name", label);
                ServiceHours hours = readHours(entry, label);
                OptionalDouble expected = readExpectedCalls(entry.get("expected_calls_per_hour"), label);
                Map<String, Double> thresholds = readThresholds(entry.get("thresholds"), label);
                if (problems.size() == problemsBefore) {
                    try {
                        lines.put(number, new Line(number, departmentId, name, hours, expected, thresholds));
                    } catch (IllegalArgumentException e) {
                        problem(entry, label, e.getMessage());
                    }
                }
            }
            return numbers;
        }

        private ServiceHours readHours(MapNode entry, String label) {
            String text = requiredText(entry, "hours", label,
                    "; write \"24x7\" or days and times such as \"Mon-Fri 08:30-17:30\"");
            if (text == null) {
                return null;
            }
            try {
                return ServiceHours.parse(text);
            } catch (IllegalArgumentException e) {
                problem(entry.get("hours"), label, "hours \"" + text + "\": " + e.getMessage());
                return null;
            }
        }

        private OptionalDouble readExpectedCalls(Node node, String label) {
            if (node == null || isNull(node)) {
                return OptionalDouble.empty();
            }
            Double value = numberValue(node);
            if (value == null || !Double.isFinite(value)) {
                problem(node, label, "expected_calls_per_hour " + show(node) + " must be a number of calls per hour such as 12");
                return OptionalDouble.empty();
            }
            if (value < 0) {
                problem(node, label, "expected_calls_per_hour " + show(node) + " must be zero or more");
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(value);
        }

        private Map<String, Double> readThresholds(Node node, String label) {
            Map<String, Double> thresholds = new LinkedHashMap<>();
            if (node == null || isNull(node)) {
                return thresholds;
            }
            if (!(node instanceof MapNode map)) {
                problem(node, label, "thresholds must be a mapping such as { constant_busy_share: 0.8 }");
                return thresholds;
            }
            for (YamlTree.Entry e : map.entries().values()) {
                String key = e.key();
                ThresholdKey known = ThresholdKey.ofKey(key);
                if (known == null) {
                    String message;
                    if (key.equals(JOB_WIDE_UNKNOWN_LINE_KEY)) {
                        message = UNKNOWN_LINE_IS_FIXED;
                    } else {
                        String suggestion = closest(key, keysOf(ThresholdKey.values()));
                        message = "unknown threshold \"" + key + "\"" + (suggestion != null
                                ? "; did you mean \"" + suggestion + "\"?"
                                : "; known thresholds: " + ThresholdKey.allKeys());
                    }
                    problems.add(new Problem(e.keyLine(), format(label, message, e.keyLine())));
                    continue;
                }
                Double value = numberValue(e.value());
                if (value == null || !known.accepts(value)) {
                    problem(e.value(), label, "threshold " + key + " " + show(e.value()) + " must be " + known.kind().description());
                    continue;
                }
                thresholds.put(key, value);
            }
            for (ThresholdKey[] pair : new ThresholdKey[][] {
                    {ThresholdKey.CONSTANT_BUSY_RESOLVE_SHARE, ThresholdKey.CONSTANT_BUSY_SHARE},
                    {ThresholdKey.HIGH_ABANDONMENT_RESOLVE_RATE, ThresholdKey.HIGH_ABANDONMENT_RATE}}) {
                String conflict = Line.problemWithResolveLevel(thresholds, pair[0], pair[1]);
                if (conflict != null) {
                    problem(map.get(pair[0].key()), label, conflict + ", or the alert would resolve while it still fires");
                }
            }
            return thresholds;
        }

        private List<Closure> readClosures(MapNode top, ZoneId zone, Set<String> knownNumbers) {
            List<Closure> closures = new ArrayList<>();
            Node section = top.get("closures");
            if (section == null || isNull(section)) {
                return closures;
            }
            if (!(section instanceof ListNode list)) {
                problem(section, "", "closures must be a list of entries with lines, from, to and reason");
                return closures;
            }
            for (int i = 0; i < list.items().size(); i++) {
                String path = "closures[" + i + "]";
                if (!(list.items().get(i) instanceof MapNode entry)) {
                    problem(list.items().get(i), path, "must be a mapping with lines, from, to and reason");
                    continue;
                }
                int problemsBefore = problems.size();
                checkKeys(entry, CLOSURE_KEYS, path);
                Set<String> lines = readClosureLines(entry, path, knownNumbers);
                Instant from = readInstant(entry, "from", path, zone);
                Instant to = readInstant(entry, "to", path, zone);
                if (from != null && to != null && !to.isAfter(from)) {
                    problem(entry.get("to"), path, "to " + scalarText(entry.get("to")) + " is not after from "
                            + scalarText(entry.get("from")));
                }
                String reason = requiredText(entry, "reason", path, "; say why the lines are closed, e.g. 线路割接");
                if (problems.size() == problemsBefore) {
                    closures.add(new Closure(lines, from, to, reason));
                }
            }
            return closures;
        }

        private Set<String> readClosureLines(MapNode entry, String path, Set<String> knownNumbers) {
            Set<String> lines = new LinkedHashSet<>();
            Node node = entry.get("lines");
            if (node == null || isNull(node)) {
                problem(entry, path, "lines is missing; name the closed line numbers, e.g. [\"037167890001\"]");
                return lines;
            }
            if (!(node instanceof ListNode list)) {
                problem(node, path, "lines must be a list of line numbers such as [\"037167890001\"]");
                return lines;
            }
            if (list.items().isEmpty()) {
                problem(node, path, "lines is empty; name at least one line number");
            }
            for (Node item : list.items()) {
                String number = readNumber(item, entry, path, "line");
                if (number == null) {
                    continue;
                }
                if (!lines.add(number)) {
                    problem(item, path, "line " + number + " is listed twice");
                } else if (knownNumbers != null && !knownNumbers.contains(number)) {
                    problem(item, path, "line \"" + number + "\" is not in lines");
                }
            }
            return lines;
        }

        private Instant readInstant(MapNode entry, String key, String path, ZoneId zone) {
            String text = requiredText(entry, key, path, "; write a time such as 2026-10-20T08:00+08:00");
            if (text == null) {
                return null;
            }
            String iso = DATE_SPACE_TIME.matcher(text).replaceFirst("$1T$2");
            try {
                return OffsetDateTime.parse(iso).toInstant();
            } catch (DateTimeParseException withOffset) {
                try {
                    return LocalDateTime.parse(iso).atZone(zone).toInstant();
                } catch (DateTimeParseException withoutOffset) {
                    problem(entry.get(key), path, key + " \"" + text
                            + "\" is not a date and time; expected e.g. 2026-10-20T08:00+08:00");
                    return null;
                }
            }
        }

        // ---------------------------------------------------------------- values

        /** The entries of a required, non-empty list of mappings; null when the list is unusable. */
        private List<MapNode> entryList(MapNode top, String key, String what) {
            Node node = top.get(key);
            if (node == null || isNull(node)) {
                problem(top, "", key + " is missing; list " + what);
                return null;
            }
            if (!(node instanceof ListNode list)) {
                problem(node, "", key + " must be a list; list " + what);
                return null;
            }
            if (list.items().isEmpty()) {
                problem(node, "", key + " is empty; list " + what
                        + (key.equals("lines") ? " (an empty directory would make every call an unknown line)" : ""));
                return null;
            }
            List<MapNode> entries = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                Node item = list.items().get(i);
                if (item instanceof MapNode map) {
                    entries.add(map);
                } else {
                    problem(item, key + "[" + i + "]", "must be a mapping with " + String.join(", ",
                            key.equals("lines") ? LINE_KEYS : DEPARTMENT_KEYS));
                    entries.add(null);
                }
            }
            return entries;
        }

        /**
         * A phone number: digits, optionally after +. YAML reads an unquoted 0371 as the octal
         * integer 249, and YAML 1.2 readers read 037167890001 as 37167890001, so an unquoted
         * number with a leading zero is refused rather than guessed at.
         */
        private String readNumber(Node node, MapNode entry, String path, String noun) {
            if (node == null || isNull(node)) {
                problem(node == null ? entry : node, path, noun + " is missing; write the line number in quotes, e.g. \"037167890001\"");
                return null;
            }
            if (!(node instanceof ScalarNode scalar)) {
                problem(node, path, noun + " must be a phone number in quotes, such as \"037167890001\"");
                return null;
            }
            String trap = unquotedNumberTrap(scalar, noun);
            if (trap != null) {
                problem(node, path, trap);
                return null;
            }
            String number = scalar.text();
            String problem = Line.problemWithNumber(number);
            if (problem != null) {
                problem(node, path, noun.equals("number") ? problem : problem.replaceFirst("^number", noun));
                return null;
            }
            return number;
        }

        /** Null unless the scalar is an unquoted number that YAML reads differently from how it is written. */
        private static String unquotedNumberTrap(ScalarNode scalar, String field) {
            if (!scalar.plain()) {
                return null;
            }
            String text = scalar.text();
            boolean leadingZero = LEADING_ZERO_DIGITS.matcher(text).matches()
                    || scalar.kind() == Kind.INT && text.replaceFirst("^[+-]", "").startsWith("0") && text.length() > 1;
            if (leadingZero) {
                return field + " " + text + " must be written in quotes, as \"" + text
                        + "\": unquoted, YAML reads a number with a leading 0 as octal or drops the 0";
            }
            if (scalar.kind() == Kind.INT && !scalar.intValue().toString().equals(text)) {
                return field + " " + text + " must be written in quotes, as \"" + text
                        + "\": unquoted, YAML reads it as the number " + scalar.intValue();
            }
            return null;
        }

        private String requiredText(MapNode entry, String key, String path, String hint) {
            Node node = entry.get(key);
            if (node == null || isNull(node) || node instanceof ScalarNode s && s.text().isBlank()) {
                problem(node == null || isNull(node) ? entry : node, path, key + " is missing" + hint);
                return null;
            }
            return optionalText(node, key, path);
        }

        /** The text of an optional scalar field; null when absent, empty or unusable (then reported). */
        private String optionalText(Node node, String key, String path) {
            if (node == null || isNull(node)) {
                return null;
            }
            if (!(node instanceof ScalarNode scalar)) {
                problem(node, path, key + " must be text, not a " + (node instanceof ListNode ? "list" : "mapping"));
                return null;
            }
            String trap = unquotedNumberTrap(scalar, key);
            if (trap != null) {
                problem(node, path, trap);
                return null;
            }
            String text = scalar.text().strip();
            return text.isEmpty() ? null : text;
        }

        /** Reports every key of {@code map} that is not in {@code known}, suggesting the nearest known key. */
        private void checkKeys(MapNode map, List<String> known, String path) {
            for (YamlTree.Entry e : map.entries().values()) {
                if (known.contains(e.key())) {
                    continue;
                }
                String suggestion = closest(e.key(), known);
                String what = path.isEmpty() ? "unknown top-level key" : "unknown key";
                String message = what + " \"" + e.key() + "\"" + (suggestion != null
                        ? "; did you mean \"" + suggestion + "\"?"
                        : "; expected " + String.join(", ", known));
                problems.add(new Problem(e.keyLine(), format(path, message, e.keyLine())));
            }
        }

        private void problem(Node node, String path, String message) {
            int line = node == null ? 0 : node.line();
            problems.add(new Problem(line, format(path, message, line)));
        }

        private String format(String path, String message, int line) {
            return source + ": " + (path.isEmpty() ? "" : path + ": ") + message + (line > 0 ? " (line " + line + ")" : "");
        }

        private static boolean isNull(Node node) {
            return node instanceof ScalarNode s && s.isNull();
        }

        private static String scalarText(Node node) {
            return node instanceof ScalarNode s && !s.isNull() ? s.text() : null;
        }

        private static Double numberValue(Node node) {
            if (node instanceof ScalarNode s) {
                if (s.kind() == Kind.INT) {
                    return s.intValue().doubleValue();
                }
                if (s.kind() == Kind.FLOAT) {
                    return s.floatValue();
                }
            }
            return null;
        }

        /** A value as the author wrote it, quoted when it is not a number. */
        private static String show(Node node) {
            if (node instanceof ScalarNode s) {
                return s.kind() == Kind.INT || s.kind() == Kind.FLOAT ? s.text() : "\"" + s.text() + "\"";
            }
            return node instanceof ListNode ? "(a list)" : "(a mapping)";
        }
    }

    private static List<String> keysOf(ThresholdKey[] keys) {
        List<String> out = new ArrayList<>();
        for (ThresholdKey k : keys) {
            out.add(k.key());
        }
        return out;
    }

    /** The known key nearest to a misspelt one, or null when none is close enough to be the intended one. */
    static String closest(String key, List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = editDistance(key.toLowerCase(Locale.ROOT), candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(2, key.length() / 4) ? best : null;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
