package org.hotlinepulse.assessment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A calendar month in the directory's time zone: the period one assessment judges. */
public record AssessmentMonth(YearMonth month, ZoneId zone) {

    public AssessmentMonth {
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(zone, "zone");
    }

    /** Local midnight of the first day. */
    public Instant start() {
        return month.atDay(1).atStartOfDay(zone).toInstant();
    }

    /** Local midnight after the last day (exclusive). */
    public Instant end() {
        return month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    }

    /** Every local day of the month, in order. */
    public List<LocalDate> days() {
        List<LocalDate> days = new ArrayList<>(month.lengthOfMonth());
        for (int d = 1; d <= month.lengthOfMonth(); d++) {
            days.add(month.atDay(d));
        }
        return days;
    }

    /** The local day on which {@code t} falls. */
    public LocalDate dayOf(Instant t) {
        return LocalDate.ofInstant(t, zone);
    }

    /** Local midnight starting {@code day}. */
    public Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }
}
