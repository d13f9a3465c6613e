package org.hotlinepulse.assessment;

import org.hotlinepulse.directory.Department;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.Line;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sums the line windows of a month per department of the directory, in and out of each line's
 * scheduled service time (contract §10); counts are only ever added, rates are computed from the
 * sums afterwards. Also notes which days have data and which lines showed they work: at least
 * one connected call or connected probe (contract §10 number accuracy).
 */
final class TrafficTally {
    private final Directory directory;
    private final ServiceSchedule schedule;
    private final AssessmentMonth month;

    final Map<String, DepartmentTraffic> byDepartment = new LinkedHashMap<>();
    final Set<String> linesShownWorking = new HashSet<>();
    final TreeSet<LocalDate> daysWithData = new TreeSet<>();
    final Set<String> unlistedLines = new TreeSet<>();
    long windowsRead;
    long straddlingWindows;
    long unlistedWindows;

    TrafficTally(Directory directory, ServiceSchedule schedule, AssessmentMonth month) {
        this.directory = directory;
        this.schedule = schedule;
        this.month = month;
        for (Department d : directory.departments()) {
            byDepartment.put(d.id(), new DepartmentTraffic());
        }
    }

    void add(LineWindow window) {
        windowsRead++;
        LocalDate day = month.dayOf(window.start());
        daysWithData.add(day);
        Line line = directory.line(window.line());
        if (line == null) {
            unlistedWindows++;
            unlistedLines.add(window.line());
            return;
        }
        if (window.counts().connected > 0 || window.counts().probeConnected > 0) {
            linesShownWorking.add(line.number());
        }
        long windowMillis = window.minutes() * 60_000L;
        long scheduledMillis = schedule.scheduledMillis(line.number(), window.start(), window.end());
        if (scheduledMillis > 0 && scheduledMillis < windowMillis) {
            straddlingWindows++;
        }
        byDepartment.get(line.departmentId()).add(day, window.counts(), 2 * scheduledMillis >= windowMillis);
    }
}
