package org.hotlinepulse.directory;

import java.util.List;
import java.util.Map;

/**
 * A directory YAML file as written, bound by Jackson: absent keys are null, and values stay as
 * text until {@link DirectoryChecker} reads them, so that every bad value is reported, not only the first.
 */
record DirectoryFile(String timezone, Calendar calendar, List<DepartmentEntry> departments, List<LineEntry> lines,
                     List<ClosureEntry> closures) {

    record Calendar(List<String> holidays, List<String> workdays) {}

    record DepartmentEntry(String id, String name) {}

    /** {@code expectedCallsPerHour} and the threshold values are numbers when the file is right. */
    record LineEntry(String number, String department, String name, String hours, Object expectedCallsPerHour,
                     Map<String, Object> thresholds) {}

    record ClosureEntry(List<String> lines, String from, String to, String reason) {}
}
