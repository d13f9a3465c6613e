package org.hotlinepulse.directory;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/**
 * The line directory (台账) of contract §5: every published line with its department, service
 * hours, SILENT baseline and threshold overrides, the service calendar and the planned
 * closures. Immutable and Serializable, so that it can travel inside Flink functions and
 * broadcast state; {@link #line(String)} is one hash lookup.
 */
public final class Directory implements Serializable {

    private static final long serialVersionUID = 1L;

    // Fields hold plain HashMaps and ArrayLists, handed out only as read-only views: Flink
    // serializes types it cannot analyse with Kryo, which fails on the JDK's read-only wrappers.
    private final ServiceCalendar calendar;
    private final LinkedHashMap<String, Department> departments;
    private final LinkedHashMap<String, Line> lines;
    private final ArrayList<Closure> closures;
    private final HashMap<String, ArrayList<Line>> linesByDepartment;
    private final HashMap<String, ArrayList<Closure>> closuresByLine;

    private Directory(ServiceCalendar calendar, LinkedHashMap<String, Department> departments,
                      LinkedHashMap<String, Line> lines, ArrayList<Closure> closures) {
        this.calendar = calendar;
        this.departments = departments;
        this.lines = lines;
        this.closures = closures;
        this.linesByDepartment = new HashMap<>();
        for (Department d : departments.values()) {
            linesByDepartment.put(d.id(), new ArrayList<>());
        }
        for (Line line : lines.values()) {
            linesByDepartment.get(line.departmentId()).add(line);
        }
        this.closuresByLine = new HashMap<>();
        for (Closure c : closures) {
            for (String number : c.lines()) {
                closuresByLine.computeIfAbsent(number, n -> new ArrayList<>()).add(c);
            }
        }
    }

    /**
     * Reads and validates a directory YAML file (see {@link DirectoryYamlLoader}).
     *
     * @throws DirectoryException naming the file, the entry and what is wrong
     */
    public static Directory load(Path yamlFile) throws DirectoryException {
        return DirectoryYamlLoader.load(yamlFile);
    }

    /**
     * Builds a directory from its parts, for sources other than YAML (such as the Postgres
     * table). Departments, lines and closures keep the order given.
     *
     * @throws IllegalArgumentException on a duplicate department id or line number, a line
     *     whose department is not given, or a closure naming a line that is not given
     */
    public static Directory of(ServiceCalendar calendar, Collection<Department> departments,
                               Collection<Line> lines, Collection<Closure> closures) {
        Objects.requireNonNull(calendar, "calendar");
        LinkedHashMap<String, Department> departmentsById = new LinkedHashMap<>();
        for (Department d : departments) {
            if (departmentsById.putIfAbsent(d.id(), d) != null) {
                throw new IllegalArgumentException("duplicate department id " + d.id());
            }
        }
        LinkedHashMap<String, Line> linesByNumber = new LinkedHashMap<>();
        for (Line line : lines) {
            if (!departmentsById.containsKey(line.departmentId())) {
                throw new IllegalArgumentException("line " + line.number() + ": department \"" + line.departmentId()
                        + "\" is not defined in departments");
            }
            if (linesByNumber.putIfAbsent(line.number(), line) != null) {
                throw new IllegalArgumentException("duplicate line number " + line.number());
            }
        }
        for (Closure c : closures) {
            for (String number : c.lines()) {
                if (!linesByNumber.containsKey(number)) {
                    throw new IllegalArgumentException("closure (" + c.reason() + ") names line " + number
                            + ", which is not in the directory");
                }
            }
        }
        return new Directory(calendar, departmentsById, linesByNumber, new ArrayList<>(closures));
    }

    /** The line with this dialled number, or null when the number is not in the directory. */
    public Line line(String number) {
        return lines.get(number);
    }

    /** All lines, in the order of the directory. */
    public Collection<Line> lines() {
        return Collections.unmodifiableCollection(lines.values());
    }

    /** The department with this id, or null when unknown. */
    public Department department(String id) {
        return departments.get(id);
    }

    /** All departments, in the order of the directory. */
    public Collection<Department> departments() {
        return Collections.unmodifiableCollection(departments.values());
    }

    /** The lines of one department, in directory order; empty for an unknown department. */
    public List<Line> linesOf(String departmentId) {
        List<Line> of = linesByDepartment.get(departmentId);
        return of == null ? List.of() : Collections.unmodifiableList(of);
    }

    /** The calendar in which every line's service hours are read. */
    public ServiceCalendar calendar() {
        return calendar;
    }

    /** All planned closures, in the order of the directory. */
    public List<Closure> closures() {
        return Collections.unmodifiableList(closures);
    }

    /** The planned closures that cover this line, in directory order. */
    public List<Closure> closuresOf(String lineNumber) {
        List<Closure> of = closuresByLine.get(lineNumber);
        return of == null ? List.of() : Collections.unmodifiableList(of);
    }

    /** Whether a planned closure covers this line at {@code t} (closures are [from, to)). */
    public boolean isClosedForPlannedWork(String lineNumber, Instant t) {
        List<Closure> covering = closuresByLine.get(lineNumber);
        if (covering == null) {
            return false;
        }
        for (Closure c : covering) {
            if (c.covers(lineNumber, t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The line's scheduled service time in [from, to): its service hours on the calendar, minus
     * planned closures (the denominator of availability, contract §10).
     *
     * @throws IllegalArgumentException when the line is not in the directory
     */
    public Duration scheduledServiceTime(String lineNumber, Instant from, Instant to) {
        Line line = lines.get(lineNumber);
        if (line == null) {
            throw new IllegalArgumentException("line " + lineNumber + " is not in the directory");
        }
        Duration total = Duration.ZERO;
        for (TimeSpan open : calendar.openSpans(line.hours(), from, to)) {
            total = total.plus(open.duration()).minus(closedWithin(lineNumber, open));
        }
        return total;
    }

    /** How much of {@code span} this line's closures cover, counting overlapping closures once. */
    private Duration closedWithin(String lineNumber, TimeSpan span) {
        List<TimeSpan> clipped = new ArrayList<>();
        for (Closure c : closuresOf(lineNumber)) {
            Instant from = c.from().isAfter(span.from()) ? c.from() : span.from();
            Instant to = c.to().isBefore(span.to()) ? c.to() : span.to();
            if (from.isBefore(to)) {
                clipped.add(new TimeSpan(from, to));
            }
        }
        clipped.sort((a, b) -> a.from().compareTo(b.from()));
        Duration closed = Duration.ZERO;
        Instant coveredUntil = span.from();
        for (TimeSpan c : clipped) {
            Instant from = c.from().isAfter(coveredUntil) ? c.from() : coveredUntil;
            if (from.isBefore(c.to())) {
                closed = closed.plus(Duration.between(from, c.to()));
                coveredUntil = c.to();
            }
        }
        return closed;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Directory other
                && calendar.equals(other.calendar)
                && List.copyOf(departments.values()).equals(List.copyOf(other.departments.values()))
                && List.copyOf(lines.values()).equals(List.copyOf(other.lines.values()))
                && closures.equals(other.closures);
    }

    @Override
    public int hashCode() {
        return Objects.hash(calendar, List.copyOf(departments.values()), List.copyOf(lines.values()), closures);
    }

    @Override
    public String toString() {
        return "Directory[" + departments.size() + " departments, " + lines.size() + " lines, "
                + closures.size() + " closures, zone " + calendar.zone() + "]";
    }
}
