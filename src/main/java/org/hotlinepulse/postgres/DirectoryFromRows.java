package org.hotlinepulse.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hotlinepulse.directory.Closure;
import org.hotlinepulse.directory.Department;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.DirectoryException;
import org.hotlinepulse.directory.DirectoryYamlLoader;
import org.hotlinepulse.directory.Line;
import org.hotlinepulse.directory.ServiceCalendar;
import org.hotlinepulse.directory.ServiceHours;
import org.hotlinepulse.postgres.DirectoryRows.CalendarDayRow;
import org.hotlinepulse.postgres.DirectoryRows.ClosureRow;
import org.hotlinepulse.postgres.DirectoryRows.DepartmentRow;
import org.hotlinepulse.postgres.DirectoryRows.LineRow;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates the rows of the directory tables and builds the {@link Directory} they describe.
 * Every problem is one line naming the source, the table and the row by its key, e.g.
 * {@code jdbc:postgresql://db/hotline: line_directory (number 037167890001): hours "Mon-Fri 8-12":
 * "8-12" is not a time range; ...}; all problems are collected before failing.
 *
 * <p>Rows of {@code line_closures} with the same {@code from_time}, {@code to_time} and
 * {@code reason} form one closure, placed where its first row was inserted.
 */
public final class DirectoryFromRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final List<String> problems = new ArrayList<>();

    private DirectoryFromRows(String source) {
        this.source = source;
    }

    /**
     * @param source names the database in every message (a URL without password)
     * @throws DirectoryException listing every problem found
     */
    public static Directory build(DirectoryRows rows, String source) throws DirectoryException {
        return new DirectoryFromRows(source).directory(rows);
    }

    private Directory directory(DirectoryRows rows) throws DirectoryException {
        if (rows.departments().isEmpty() || rows.lines().isEmpty()) {
            // As for YAML: an emptied table must not turn every line into an unknown line.
            throw new DirectoryException(source + ": " + (rows.lines().isEmpty() ? "line_directory" : "departments")
                    + " is empty; a directory needs at least one department and one line"
                    + " (seed it with: hotline-pulse migrate --seed-directory FILE, or INSERT rows)");
        }
        ZoneId zone = zone(rows.timezone());
        ServiceCalendar calendar = calendar(zone, rows.calendarDays());
        Map<String, Department> departments = departments(rows.departments());
        List<Line> lines = lines(rows.lines(), departments);
        List<Closure> closures = closures(rows.closures(), lines, rows.lines());
        if (!problems.isEmpty()) {
            throw new DirectoryException(problems);
        }
        try {
            return Directory.of(calendar, departments.values(), lines, closures);
        } catch (IllegalArgumentException e) {
            throw new DirectoryException(source + ": " + e.getMessage());
        }
    }

    private ZoneId zone(String timezone) {
        if (timezone == null) {
            return DirectoryYamlLoader.DEFAULT_TIMEZONE;
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            problem("directory_settings.timezone \"" + timezone
                    + "\" is not a time zone; use a region id such as Asia/Shanghai");
            return DirectoryYamlLoader.DEFAULT_TIMEZONE;
        }
    }

    private ServiceCalendar calendar(ZoneId zone, List<CalendarDayRow> days) {
        Set<LocalDate> holidays = new TreeSet<>();
        Set<LocalDate> workdays = new TreeSet<>();
        for (CalendarDayRow row : days) {
            String label = "calendar_days (day " + row.day() + "): ";
            if (DirectoryRows.HOLIDAY.equals(row.kind())) {
                holidays.add(row.day());
            } else if (!DirectoryRows.WORKDAY.equals(row.kind())) {
                problem(label + "kind \"" + row.kind() + "\" must be holiday or workday");
            } else if (row.day().getDayOfWeek().getValue() < DayOfWeek.SATURDAY.getValue()) {
                problem(label + row.day() + " is a "
                        + row.day().getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                        + "; make-up workdays are Saturdays or Sundays that are worked");
            } else {
                workdays.add(row.day());
            }
        }
        try {
            return new ServiceCalendar(zone, holidays, workdays);
        } catch (IllegalArgumentException e) {
            problem("calendar_days: " + e.getMessage());
            return new ServiceCalendar(zone);
        }
    }

    private Map<String, Department> departments(List<DepartmentRow> rows) {
        Map<String, Department> departments = new LinkedHashMap<>();
        for (DepartmentRow row : rows) {
            try {
                departments.put(row.id(), new Department(row.id(), row.name() == null ? "" : row.name()));
            } catch (IllegalArgumentException e) {
                problem("departments (id " + row.id() + "): " + e.getMessage());
            }
        }
        return departments;
    }

    private List<Line> lines(List<LineRow> rows, Map<String, Department> departments) {
        List<Line> lines = new ArrayList<>();
        for (LineRow row : rows) {
            String label = "line_directory (number " + row.number() + "): ";
            int before = problems.size();
            if (!departments.containsKey(row.department())) {
                problem(label + "department \"" + row.department() + "\" is not in departments");
            }
            ServiceHours hours = null;
            try {
                hours = ServiceHours.parse(row.hours());
            } catch (IllegalArgumentException e) {
                problem(label + "hours \"" + row.hours() + "\": " + e.getMessage());
            }
            Map<String, Double> thresholds = thresholds(row.thresholds(), label);
            if (problems.size() > before) {
                continue;
            }
            OptionalDouble expected = row.expectedCallsPerHour() == null
                    ? OptionalDouble.empty() : OptionalDouble.of(row.expectedCallsPerHour());
            try {
                lines.add(new Line(row.number(), row.department(), row.name(), hours, expected, thresholds));
            } catch (IllegalArgumentException e) {
                problem(label + withoutLinePrefix(e.getMessage(), row.number()));
            }
        }
        return lines;
    }

    /** The thresholds as numbers; keys and values are checked by {@link Line}. Null after a problem. */
    private Map<String, Double> thresholds(String json, String label) {
        Map<String, Double> thresholds = new LinkedHashMap<>();
        if (json == null) {
            return thresholds;
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            problem(label + "thresholds " + json + " is not JSON");
            return null;
        }
        if (!node.isObject()) {
            problem(label + "thresholds " + json + " must be a JSON object such as {\"constant_busy_share\": 0.8}");
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNumber()) {
                problem(label + "threshold " + e.getKey() + " " + e.getValue()
                        + " is not a number; write it without quotes, such as 0.8");
                return null;
            }
            thresholds.put(e.getKey(), e.getValue().doubleValue());
        }
        return thresholds;
    }

    /** {@link Line}'s messages start with "line NUMBER"; the label already names the row. */
    private static String withoutLinePrefix(String message, String number) {
        for (String prefix : List.of("line " + number + ": ", "line " + number + " ")) {
            if (message.startsWith(prefix)) {
                return message.substring(prefix.length());
            }
        }
        return message;
    }

    private List<Closure> closures(List<ClosureRow> rows, List<Line> lines, List<LineRow> lineRows) {
        Set<String> valid = new LinkedHashSet<>();
        lines.forEach(line -> valid.add(line.number()));
        Set<String> written = new LinkedHashSet<>();
        lineRows.forEach(row -> written.add(row.number()));
        record Key(Instant from, Instant to, String reason) {}
        Map<Key, List<ClosureRow>> groups = new LinkedHashMap<>();
        for (ClosureRow row : rows) {
            groups.computeIfAbsent(new Key(row.from(), row.to(), row.reason()), k -> new ArrayList<>()).add(row);
        }
        List<Closure> closures = new ArrayList<>();
        for (Map.Entry<Key, List<ClosureRow>> group : groups.entrySet()) {
            Set<String> closed = new LinkedHashSet<>();
            boolean usable = true;
            for (ClosureRow row : group.getValue()) {
                if (!valid.contains(row.line())) {
                    // A line that failed validation was reported already; only strangers are news.
                    if (!written.contains(row.line())) {
                        problem(closureLabel(row) + "line " + row.line() + " is not in line_directory");
                    }
                    usable = false;
                }
                closed.add(row.line());
            }
            if (!usable) {
                continue;
            }
            Key key = group.getKey();
            try {
                closures.add(new Closure(closed, key.from(), key.to(), key.reason()));
            } catch (IllegalArgumentException e) {
                problem(closureLabel(group.getValue().get(0)) + e.getMessage());
            }
        }
        return closures;
    }

    private String closureLabel(ClosureRow row) {
        return "line_closures (id " + row.id() + ", line " + row.line() + "): ";
    }

    private void problem(String message) {
        problems.add(source + ": " + message);
    }
}
