package org.hotlinepulse.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotlinepulse.directory.Closure;
import org.hotlinepulse.directory.Department;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.Line;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The contents of the directory tables, row by row, as read from or written to PostgreSQL
 * (see {@code V2__line_directory.sql}): plain values, not yet validated.
 *
 * @param timezone {@code directory_settings.timezone}, or null when that row is missing
 */
public record DirectoryRows(String timezone, List<CalendarDayRow> calendarDays,
                            List<DepartmentRow> departments, List<LineRow> lines,
                            List<ClosureRow> closures) {

    /** The two kinds of {@code calendar_days.kind}. */
    public static final String HOLIDAY = "holiday";
    public static final String WORKDAY = "workday";

    private static final ObjectMapper JSON = new ObjectMapper();

    public DirectoryRows {
        calendarDays = List.copyOf(calendarDays);
        departments = List.copyOf(departments);
        lines = List.copyOf(lines);
        closures = List.copyOf(closures);
    }

    /** A row of {@code calendar_days}. */
    public record CalendarDayRow(LocalDate day, String kind) {}

    /** A row of {@code departments}. */
    public record DepartmentRow(String id, String name) {}

    /**
     * A row of {@code line_directory}.
     *
     * @param expectedCallsPerHour null when not given
     * @param thresholds the jsonb column as JSON text
     */
    public record LineRow(String number, String department, String name, String hours,
                          Double expectedCallsPerHour, String thresholds) {}

    /** A row of {@code line_closures}: one line of one closure; {@code id} is 0 before insertion. */
    public record ClosureRow(long id, String line, Instant from, Instant to, String reason) {}

    /** The rows that hold this directory: one closure row per line of each closure. */
    public static DirectoryRows of(Directory directory) {
        List<CalendarDayRow> days = new ArrayList<>();
        directory.calendar().holidays().forEach(day -> days.add(new CalendarDayRow(day, HOLIDAY)));
        directory.calendar().workdays().forEach(day -> days.add(new CalendarDayRow(day, WORKDAY)));
        List<DepartmentRow> departments = new ArrayList<>();
        for (Department d : directory.departments()) {
            departments.add(new DepartmentRow(d.id(), d.name()));
        }
        List<LineRow> lines = new ArrayList<>();
        for (Line line : directory.lines()) {
            lines.add(new LineRow(line.number(), line.departmentId(), line.name(), line.hours().text(),
                    line.expectedCallsPerHour().isPresent() ? line.expectedCallsPerHour().getAsDouble() : null,
                    json(line)));
        }
        List<ClosureRow> closures = new ArrayList<>();
        for (Closure c : directory.closures()) {
            c.lines().stream().sorted().forEach(number ->
                    closures.add(new ClosureRow(0, number, c.from(), c.to(), c.reason())));
        }
        return new DirectoryRows(directory.calendar().zone().getId(), days, departments, lines, closures);
    }

    /** The thresholds as a JSON object; whole numbers without ".0", as a person would write them. */
    private static String json(Line line) {
        ObjectNode object = JSON.createObjectNode();
        line.thresholds().forEach((key, value) -> {
            if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                object.put(key, value.longValue());
            } else {
                object.put(key, value);
            }
        });
        try {
            return JSON.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("thresholds of line " + line.number() + " cannot be written as JSON", e);
        }
    }
}
