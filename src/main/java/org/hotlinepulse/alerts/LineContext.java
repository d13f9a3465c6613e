package org.hotlinepulse.alerts;

import java.util.Objects;
import org.hotlinepulse.directory.Department;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.Line;

/**
 * What the rules of one key need from outside its state: the dialled number, its directory
 * entry (null for a number missing from the directory), the directory itself (calendar,
 * closures), the effective thresholds and the earliest event time the job has seen.
 */
public record LineContext(String number, Line line, String departmentName, Directory directory,
                          AlertThresholds thresholds, long earliestEventTime) {

    public LineContext {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(thresholds, "thresholds");
    }

    /** The context of {@code number} in {@code directory}, with the line's overrides merged into {@code global}. */
    public static LineContext of(String number, Directory directory, AlertThresholds global, long earliestEventTime) {
        Line line = directory.line(number);
        Department department = line == null ? null : directory.department(line.departmentId());
        return new LineContext(number, line, department == null ? null : department.name(), directory,
                global.forLine(line), earliestEventTime);
    }
}
