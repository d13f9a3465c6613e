package org.hotlinepulse.directory;

import com.fasterxml.jackson.core.JsonToken;
import org.hotlinepulse.yaml.YamlBinding;
import org.hotlinepulse.yaml.YamlScan;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
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

/**
 * Checks a bound {@link DirectoryFile} and builds the {@link Directory}: values, ranges and cross
 * references, every problem collected with the line {@link YamlScan} found its value on.
 */
final class DirectoryChecker {
    /** A threshold of contract §6 that no line can set: the rule is about numbers missing from the directory. */
    private static final String JOB_WIDE_UNKNOWN_LINE_KEY = "unknown_line_attempts";

    /** Neither the job configuration nor the directory sets the unknown-line rule: it is fixed in code. */
    private static final String UNKNOWN_LINE_IS_FIXED = "threshold " + JOB_WIDE_UNKNOWN_LINE_KEY
            + " applies to numbers missing from the directory, so it cannot be set on a line; it cannot be set "
            + "anywhere else either: UNKNOWN_LINE fires at 3 attempts within 60 minutes in every job (docs/alerts.md)";
    private static final Pattern LEADING_ZERO_DIGITS = Pattern.compile("[+-]?0[0-9_]+");
    private static final Pattern DATE_SPACE_TIME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}) +(\\d.*)");

    private record Problem(int line, String message) {}

    private final String source;
    private final YamlScan scan;
    private final List<Problem> problems = new ArrayList<>();

    DirectoryChecker(String source, YamlScan scan) {
        this.source = source;
        this.scan = scan;
    }

    Directory check(DirectoryFile file) throws DirectoryException {
        ZoneId zone = zone(file.timezone());
        ServiceCalendar calendar = calendar(file.calendar(), zone);
        Map<String, Department> departments = departments(file.departments());
        Map<String, Line> lines = new LinkedHashMap<>();
        Set<String> knownNumbers = lines(file.lines(), departments, lines);
        List<Closure> closures = closures(file.closures(), zone, knownNumbers);
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

    private ZoneId zone(String timezone) {
        String text = text("timezone", timezone, "");
        if (text == null) {
            return DirectoryYamlLoader.DEFAULT_TIMEZONE;
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            problem("timezone", "", "timezone \"" + text + "\" is not a time zone; use a region id such as Asia/Shanghai");
            return DirectoryYamlLoader.DEFAULT_TIMEZONE;
        }
    }

    private ServiceCalendar calendar(DirectoryFile.Calendar calendar, ZoneId zone) {
        if (calendar == null) {
            return new ServiceCalendar(zone);
        }
        Map<LocalDate, String> holidays = dates(calendar.holidays(), "calendar.holidays");
        Map<LocalDate, String> workdays = dates(calendar.workdays(), "calendar.workdays");
        for (Map.Entry<LocalDate, String> e : new ArrayList<>(workdays.entrySet())) {
            LocalDate day = e.getKey();
            if (holidays.containsKey(day)) {
                problem(e.getValue(), e.getValue(), day + " is also listed in calendar.holidays");
                workdays.remove(day);
            } else if (day.getDayOfWeek().getValue() < 6) {
                problem(e.getValue(), e.getValue(), day + " is a "
                        + day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                        + "; workdays lists make-up working days that fall on a Saturday or Sunday");
                workdays.remove(day);
            }
        }
        return new ServiceCalendar(zone, holidays.keySet(), workdays.keySet());
    }

    /** The dates of a calendar list, each with the path it was written at; bad entries left out. */
    private Map<LocalDate, String> dates(List<String> texts, String path) {
        Map<LocalDate, String> dates = new LinkedHashMap<>();
        if (texts == null) {
            return dates;
        }
        Map<LocalDate, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            String itemPath = path + "[" + i + "]";
            String text = texts.get(i);
            if (text == null) {
                problem(itemPath, itemPath, "expected a date such as 2026-10-01");
                continue;
            }
            LocalDate day;
            try {
                day = LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                problem(itemPath, itemPath, "\"" + text + "\" is not a date; expected YYYY-MM-DD such as 2026-10-01");
                continue;
            }
            Integer earlier = firstIndex.putIfAbsent(day, i);
            if (earlier != null) {
                problem(itemPath, itemPath, day + " is listed twice, first as " + path + "[" + earlier + "]");
                continue;
            }
            dates.put(day, itemPath);
        }
        return dates;
    }

    /**
     * The departments by id; null when the section, or the id of one of its entries, is unusable,
     * so that lines are not checked against an incomplete list.
     */
    private Map<String, Department> departments(List<DirectoryFile.DepartmentEntry> entries) {
        if (!present(entries, "departments", "each department with id and name")) {
            return null;
        }
        Map<String, Department> departments = new LinkedHashMap<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        boolean everyIdKnown = true;
        for (int i = 0; i < entries.size(); i++) {
            DirectoryFile.DepartmentEntry entry = entries.get(i);
            String path = "departments[" + i + "]";
            if (entry == null) {
                problem(path, path, DirectoryYamlLoader.mappingWith(DirectoryFile.DepartmentEntry.class));
                everyIdKnown = false;
                continue;
            }
            String id = required(path, "id", entry.id(), path, "");
            if (id == null) {
                everyIdKnown = false;
                continue;
            }
            String label = label(path);
            String name = required(path, "name", entry.name(), label, "; write the department's name, e.g. 郑州市社会保险中心");
            Integer earlier = firstIndex.putIfAbsent(id, i);
            if (earlier != null) {
                problem(path + ".id", label, "duplicate id, already used by departments[" + earlier + "]");
                continue;
            }
            departments.put(id, new Department(id, name == null ? id : name));
        }
        // A line may name the department whose id could not be read: checking it would only repeat the problem.
        return everyIdKnown ? departments : null;
    }

    /**
     * Reads the lines into {@code lines} and returns every line number seen, valid entry or not, so
     * that closures are checked against what the author meant to list.
     */
    private Set<String> lines(List<DirectoryFile.LineEntry> entries, Map<String, Department> departments,
                              Map<String, Line> lines) {
        if (!present(entries, "lines", "each published line with number, department and hours")) {
            return null;
        }
        Set<String> numbers = new HashSet<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            DirectoryFile.LineEntry entry = entries.get(i);
            String path = "lines[" + i + "]";
            if (entry == null) {
                problem(path, path, DirectoryYamlLoader.mappingWith(DirectoryFile.LineEntry.class));
                continue;
            }
            int problemsBefore = problems.size();
            String number = number(path + ".number", entry.number(), path, path, "number");
            String label = label(path);
            if (number != null) {
                numbers.add(number);
                Integer earlier = firstIndex.putIfAbsent(number, i);
                if (earlier != null) {
                    problem(path + ".number", label, "duplicate number, already used by lines[" + earlier + "]");
                }
            }
            String departmentId = required(path, "department", entry.department(), label,
                    "; write the id of one of the departments");
            if (departmentId != null && departments != null && !departments.containsKey(departmentId)) {
                problem(path + ".department", label, "department \"" + departmentId + "\" is not defined in departments");
            }
            String name = text(path + ".name", entry.name(), label);
            ServiceHours hours = hours(path, entry.hours(), label);
            OptionalDouble expected = expectedCalls(path + ".expected_calls_per_hour", entry.expectedCallsPerHour(), label);
            Map<String, Double> thresholds = thresholds(path + ".thresholds", entry.thresholds(), label);
            if (problems.size() == problemsBefore) {
                try {
                    lines.put(number, new Line(number, departmentId, name, hours, expected, thresholds));
                } catch (IllegalArgumentException e) {
                    problem(path, label, e.getMessage());
                }
            }
        }
        return numbers;
    }

    private ServiceHours hours(String entryPath, String text, String label) {
        String hours = required(entryPath, "hours", text, label,
                "; write \"24x7\" or days and times such as \"Mon-Fri 08:30-17:30\"");
        if (hours == null) {
            return null;
        }
        try {
            return ServiceHours.parse(hours);
        } catch (IllegalArgumentException e) {
            problem(entryPath + ".hours", label, "hours \"" + hours + "\": " + e.getMessage());
            return null;
        }
    }

    private OptionalDouble expectedCalls(String path, Object value, String label) {
        if (value == null) {
            return OptionalDouble.empty();
        }
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            problem(path, label, "expected_calls_per_hour " + show(path, value) + " must be a number of calls per hour such as 12");
            return OptionalDouble.empty();
        }
        if (n.doubleValue() < 0) {
            problem(path, label, "expected_calls_per_hour " + show(path, value) + " must be zero or more");
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(n.doubleValue());
    }

    private Map<String, Double> thresholds(String path, Map<String, Object> values, String label) {
        Map<String, Double> thresholds = new LinkedHashMap<>();
        if (values == null) {
            return thresholds;
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            String key = e.getKey();
            String keyPath = path + "." + key;
            ThresholdKey known = ThresholdKey.ofKey(key);
            if (known == null) {
                String suggestion = YamlBinding.closest(key, Arrays.stream(ThresholdKey.values()).map(ThresholdKey::key).toList());
                problem(keyPath, label, key.equals(JOB_WIDE_UNKNOWN_LINE_KEY) ? UNKNOWN_LINE_IS_FIXED
                        : "unknown threshold \"" + key + "\"" + (suggestion != null
                                ? "; did you mean \"" + suggestion + "\"?"
                                : "; known thresholds: " + ThresholdKey.allKeys()));
                continue;
            }
            if (!(e.getValue() instanceof Number value) || !known.accepts(value.doubleValue())) {
                problem(keyPath, label, "threshold " + key + " " + show(keyPath, e.getValue()) + " must be "
                        + known.kind().description());
                continue;
            }
            thresholds.put(key, value.doubleValue());
        }
        for (ThresholdKey[] pair : new ThresholdKey[][] {
                {ThresholdKey.CONSTANT_BUSY_RESOLVE_SHARE, ThresholdKey.CONSTANT_BUSY_SHARE},
                {ThresholdKey.HIGH_ABANDONMENT_RESOLVE_RATE, ThresholdKey.HIGH_ABANDONMENT_RATE}}) {
            String conflict = Line.problemWithResolveLevel(thresholds, pair[0], pair[1]);
            if (conflict != null) {
                problem(path + "." + pair[0].key(), label, conflict + ", or the alert would resolve while it still fires");
            }
        }
        return thresholds;
    }

    private List<Closure> closures(List<DirectoryFile.ClosureEntry> entries, ZoneId zone, Set<String> knownNumbers) {
        List<Closure> closures = new ArrayList<>();
        if (entries == null) {
            return closures;
        }
        for (int i = 0; i < entries.size(); i++) {
            String path = "closures[" + i + "]";
            DirectoryFile.ClosureEntry entry = entries.get(i);
            if (entry == null) {
                problem(path, path, DirectoryYamlLoader.mappingWith(DirectoryFile.ClosureEntry.class));
                continue;
            }
            int problemsBefore = problems.size();
            Set<String> lines = closureLines(path, entry.lines(), knownNumbers);
            Instant from = instant(path, "from", entry.from(), zone);
            Instant to = instant(path, "to", entry.to(), zone);
            if (from != null && to != null && !to.isAfter(from)) {
                problem(path + ".to", path, "to " + entry.to() + " is not after from " + entry.from());
            }
            String reason = required(path, "reason", entry.reason(), path, "; say why the lines are closed, e.g. 线路割接");
            if (problems.size() == problemsBefore) {
                closures.add(new Closure(lines, from, to, reason));
            }
        }
        return closures;
    }

    private Set<String> closureLines(String path, List<String> numbers, Set<String> knownNumbers) {
        Set<String> lines = new LinkedHashSet<>();
        if (numbers == null) {
            problem(path, path, "lines is missing; name the closed line numbers, e.g. [\"037167890001\"]");
            return lines;
        }
        if (numbers.isEmpty()) {
            problem(path + ".lines", path, "lines is empty; name at least one line number");
        }
        for (int i = 0; i < numbers.size(); i++) {
            String itemPath = path + ".lines[" + i + "]";
            String number = number(itemPath, numbers.get(i), path, path, "line");
            if (number == null) {
                continue;
            }
            if (!lines.add(number)) {
                problem(itemPath, path, "line " + number + " is listed twice");
            } else if (knownNumbers != null && !knownNumbers.contains(number)) {
                problem(itemPath, path, "line \"" + number + "\" is not in lines");
            }
        }
        return lines;
    }

    private Instant instant(String entryPath, String key, String value, ZoneId zone) {
        String text = required(entryPath, key, value, entryPath, "; write a time such as 2026-10-20T08:00+08:00");
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
                problem(entryPath + "." + key, entryPath, key + " \"" + text
                        + "\" is not a date and time; expected e.g. 2026-10-20T08:00+08:00");
                return null;
            }
        }
    }

    /** Reports {@code key}, unknown in the entry at {@code path}, suggesting the nearest of the {@code known} keys. */
    void unknownKey(String path, String key, List<String> known) {
        String suggestion = YamlBinding.closest(key, known);
        problem(path.isEmpty() ? key : path + "." + key, label(path),
                (path.isEmpty() ? "unknown top-level key" : "unknown key") + " \"" + key + "\""
                        + (suggestion != null ? "; did you mean \"" + suggestion + "\"?" : "; expected " + String.join(", ", known)));
    }

    // ---------------------------------------------------------------- values

    /** Whether a required list of entries is there and not empty; reports it when not. */
    private boolean present(List<?> entries, String key, String what) {
        if (entries == null) {
            problem("", "", key + " is missing; list " + what);
            return false;
        }
        if (entries.isEmpty()) {
            problem(key, "", key + " is empty; list " + what
                    + (key.equals("lines") ? " (an empty directory would make every call an unknown line)" : ""));
            return false;
        }
        return true;
    }

    /**
     * "lines[3] (number 037167890004)" or "departments[0] (id zz-x)": the entry at {@code path}
     * with what identifies it, when that could be read.
     */
    String label(String path) {
        if (path.startsWith("lines[")) {
            YamlScan.Scalar number = scan.scalar(path + ".number");
            return number != null && trap(number, "number") == null && Line.problemWithNumber(number.text()) == null
                    ? path + " (number " + number.text() + ")" : path;
        }
        if (path.startsWith("departments[")) {
            YamlScan.Scalar id = scan.scalar(path + ".id");
            return id != null && id.token() != JsonToken.VALUE_NULL && !id.text().isBlank() && trap(id, "id") == null
                    ? path + " (id " + id.text().strip() + ")" : path;
        }
        return path;
    }

    /**
     * A phone number: digits, optionally after +. YAML reads an unquoted 0371 as the octal integer
     * 249, and YAML 1.2 readers read 037167890001 as 37167890001, so an unquoted number with a
     * leading zero is refused rather than guessed at.
     */
    private String number(String path, String value, String entryPath, String label, String noun) {
        if (value == null) {
            problem(scan.line(path) > 0 ? path : entryPath, label,
                    noun + " is missing; write the line number in quotes, e.g. \"037167890001\"");
            return null;
        }
        String trap = trap(scan.scalar(path), noun);
        if (trap != null) {
            problem(path, label, trap);
            return null;
        }
        String problem = Line.problemWithNumber(value);
        if (problem != null) {
            problem(path, label, noun.equals("number") ? problem : problem.replaceFirst("^number", noun));
            return null;
        }
        return value;
    }

    /** Null unless the scalar is an unquoted number that YAML reads differently from how it is written. */
    private static String trap(YamlScan.Scalar scalar, String field) {
        if (scalar == null || !scalar.plain()) {
            return null;
        }
        String text = scalar.text();
        boolean integer = scalar.token() == JsonToken.VALUE_NUMBER_INT;
        boolean leadingZero = LEADING_ZERO_DIGITS.matcher(text).matches()
                || integer && text.replaceFirst("^[+-]", "").startsWith("0") && text.length() > 1;
        if (leadingZero) {
            return field + " " + text + " must be written in quotes, as \"" + text
                    + "\": unquoted, YAML reads a number with a leading 0 as octal or drops the 0";
        }
        if (integer && !scalar.intValue().toString().equals(text)) {
            return field + " " + text + " must be written in quotes, as \"" + text
                    + "\": unquoted, YAML reads it as the number " + scalar.intValue();
        }
        return null;
    }

    /** A required text field of the entry at {@code entryPath}; null when missing or unusable (then reported). */
    private String required(String entryPath, String key, String value, String label, String hint) {
        String path = entryPath + "." + key;
        if (value == null || value.isBlank()) {
            problem(value == null ? entryPath : path, label, key + " is missing" + hint);
            return null;
        }
        return text(path, value, label);
    }

    /** An optional text field; null when absent, empty or unusable (then reported). */
    private String text(String path, String value, String label) {
        if (value == null) {
            return null;
        }
        String trap = trap(scan.scalar(path), path.substring(path.lastIndexOf('.') + 1));
        if (trap != null) {
            problem(path, label, trap);
            return null;
        }
        String text = value.strip();
        return text.isEmpty() ? null : text;
    }

    /** A value as the author wrote it, quoted when it is not a number. */
    private String show(String path, Object value) {
        YamlScan.Scalar scalar = scan.scalar(path);
        if (value instanceof Number && scalar != null) {
            return scalar.text();
        }
        if (value instanceof List) {
            return "(a list)";
        }
        if (value instanceof Map) {
            return "(a mapping)";
        }
        return "\"" + (scalar != null ? scalar.text() : value) + "\"";
    }

    /** Reports {@code message} about {@code label} on the line of {@code at}, or of the nearest enclosing value. */
    private void problem(String at, String label, String message) {
        int line = lineOf(at);
        problems.add(new Problem(line, format(source, label, message, line)));
    }

    int lineOf(String path) {
        String at = path;
        while (scan.line(at) == 0 && !at.isEmpty()) {
            int cut = Math.max(at.lastIndexOf('.'), at.lastIndexOf('['));
            at = cut < 0 ? "" : at.substring(0, cut);
        }
        return scan.line(at);
    }

    static String format(String source, String label, String message, int line) {
        return source + ": " + (label.isEmpty() ? "" : label + ": ") + message + (line > 0 ? " (line " + line + ")" : "");
    }
}
