package org.hotlinepulse.simulate;

import org.hotlinepulse.directory.Department;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.DirectoryException;
import org.hotlinepulse.directory.DirectoryYamlLoader;
import org.hotlinepulse.directory.Line;
import org.hotlinepulse.directory.ServiceCalendar;
import org.hotlinepulse.directory.ServiceHours;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A directory of many numbered lines in departments of a fixed size: all 24x7 for load runs
 * ({@link #SyntheticDirectory(int, int)}), or with the mix of hours of a city's hotlines
 * ({@link #realistic(int)}).
 */
public final class SyntheticDirectory {
    /** Department kinds of {@link #realistic}, in turn: a name and its lines' hours. */
    private static final String[][] KINDS = {
            {"12345 citizen hotline", "24x7"},
            {"social security centre", "Mon-Fri 08:30-12:00,14:30-17:30"},
            {"medical insurance office", "Mon-Fri 09:00-17:00"},
            {"work safety report line", "Mon-Sun 08:00-20:00"},
    };

    private final int lines;
    private final int linesPerDepartment;
    private final boolean mixedHours;

    public SyntheticDirectory(int lines, int linesPerDepartment) {
        this(lines, linesPerDepartment, false);
    }

    private SyntheticDirectory(int lines, int linesPerDepartment, boolean mixedHours) {
        this.lines = lines;
        this.linesPerDepartment = linesPerDepartment;
        this.mixedHours = mixedHours;
    }

    /** Lines in departments of 10, the departments in turn a 24x7 citizen hotline, social security, medical insurance and a safety report line. */
    public static SyntheticDirectory realistic(int lines) {
        return new SyntheticDirectory(lines, 10, true);
    }

    /** A directory of these numbers, open around the clock, in one department: for traffic to a given set of numbers. */
    public static Directory alwaysOpen(Collection<String> numbers) {
        List<Line> lines = numbers.stream().map(number -> new Line(number, "simulated", null, ServiceHours.always(),
                OptionalDouble.empty(), null)).toList();
        return Directory.of(new ServiceCalendar(DirectoryYamlLoader.DEFAULT_TIMEZONE),
                List.of(new Department("simulated", "Simulated lines")), lines, List.of());
    }

    public List<String> numbers() {
        List<String> numbers = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            numbers.add(String.format("0371%08d", i));
        }
        return numbers;
    }

    public static String department(int lineIndex, int linesPerDepartment) {
        return String.format("dept-%04d", lineIndex / linesPerDepartment);
    }

    /** Writes the directory as YAML (contract §5) to the file. */
    public void writeYaml(Path file) throws IOException {
        Files.writeString(file, yaml(), StandardCharsets.UTF_8);
    }

    /** The directory itself, as loading its YAML gives it. */
    public Directory directory() {
        try {
            return DirectoryYamlLoader.parse(yaml(), "synthetic directory");
        } catch (DirectoryException e) {
            throw new IllegalStateException("the synthetic directory is invalid: " + e.getMessage(), e);
        }
    }

    private String yaml() {
        StringBuilder yaml = new StringBuilder("timezone: Asia/Shanghai\ndepartments:\n");
        int departments = (lines + linesPerDepartment - 1) / linesPerDepartment;
        for (int d = 0; d < departments; d++) {
            String id = department(d * linesPerDepartment, linesPerDepartment);
            String name = mixedHours ? "District " + d + " " + KINDS[d % KINDS.length][0] : "Department " + d;
            yaml.append("  - id: ").append(id).append("\n    name: ").append(name).append('\n');
        }
        yaml.append("lines:\n");
        List<String> numbers = numbers();
        for (int i = 0; i < numbers.size(); i++) {
            String hours = mixedHours ? KINDS[i / linesPerDepartment % KINDS.length][1] : "24x7";
            yaml.append("  - number: \"").append(numbers.get(i)).append("\"\n")
                    .append("    department: ").append(department(i, linesPerDepartment)).append('\n')
                    .append("    name: Line ").append(i).append('\n')
                    .append("    hours: \"").append(hours).append("\"\n");
        }
        return yaml.toString();
    }
}
