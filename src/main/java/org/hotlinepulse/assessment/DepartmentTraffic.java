package org.hotlinepulse.assessment;

import org.hotlinepulse.metrics.Counts;

import java.time.LocalDate;
import java.util.TreeMap;

/** One department's traffic in the month: summed counts in and out of its lines' service hours, and per day in service. */
final class DepartmentTraffic {
    final Counts inService = new Counts();
    final Counts afterHours = new Counts();
    final TreeMap<LocalDate, Counts> dailyInService = new TreeMap<>();

    void add(LocalDate day, Counts counts, boolean scheduled) {
        if (scheduled) {
            inService.add(counts);
            dailyInService.computeIfAbsent(day, d -> new Counts()).add(counts);
        } else {
            afterHours.add(counts);
        }
    }
}
