package org.hotlinepulse.directory;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Answers when a line is in service: its {@link ServiceHours} read as wall-clock time in the
 * directory's time zone, with public holidays (closed all day) and make-up workdays (调休: a
 * weekend day worked like a weekday) applied. 24x7 lines are open at every instant.
 *
 * <p>On a make-up workday a line has the hours of its first weekday, Monday to Friday, that has
 * hours; a line with no weekday hours keeps that weekend day's own hours. Daylight-saving
 * changes are handled on instants: a wall-clock time skipped by a spring-forward gap counts as
 * the instant the clocks jump, and a time repeated in an autumn overlap as its first occurrence.
 */
public final class ServiceCalendar implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int[] CLOSED = new int[0];

    private final ZoneId zone;
    // Plain TreeSets, read-only views only in accessors: Flink serializes classes it cannot
    // analyse with Kryo, which cannot rebuild the JDK's read-only collection wrappers.
    private final TreeSet<LocalDate> holidays;
    private final TreeSet<LocalDate> workdays;
    /** After this date the schedule repeats every week; bounds the search in {@link #nextChange}. */
    private final LocalDate lastSpecialDay;

    /**
     * @param holidays days on which every line that is not 24x7 is closed, even a weekday
     * @param workdays make-up working days; each must be a Saturday or Sunday and not a holiday
     * @throws IllegalArgumentException when a day is both, or a workday is not on a weekend
     */
    public ServiceCalendar(ZoneId zone, Set<LocalDate> holidays, Set<LocalDate> workdays) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.holidays = new TreeSet<>(holidays);
        this.workdays = new TreeSet<>(workdays);
        for (LocalDate day : this.workdays) {
            if (this.holidays.contains(day)) {
                throw new IllegalArgumentException(day + " is both a holiday and a make-up workday");
            }
            if (!isWeekend(day)) {
                throw new IllegalArgumentException("make-up workday " + day + " is a "
                        + day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                        + "; make-up workdays are Saturdays or Sundays that are worked");
            }
        }
        LocalDate last = null;
        if (!this.holidays.isEmpty()) {
            last = this.holidays.last();
        }
        if (!this.workdays.isEmpty() && (last == null || this.workdays.last().isAfter(last))) {
            last = this.workdays.last();
        }
        this.lastSpecialDay = last;
    }

    /** A calendar with no holidays and no make-up workdays. */
    public ServiceCalendar(ZoneId zone) {
        this(zone, Set.of(), Set.of());
    }

    /** The time zone in which service hours are read. */
    public ZoneId zone() {
        return zone;
    }

    /** The public holidays, in date order. */
    public NavigableSet<LocalDate> holidays() {
        return Collections.unmodifiableNavigableSet(holidays);
    }

    /** The make-up workdays, in date order. */
    public NavigableSet<LocalDate> workdays() {
        return Collections.unmodifiableNavigableSet(workdays);
    }

    /** Whether a line with these hours is in service at {@code t}. */
    public boolean isOpen(ServiceHours hours, Instant t) {
        Objects.requireNonNull(t, "t");
        if (hours.isAlways()) {
            return true;
        }
        LocalDate day = LocalDate.ofInstant(t, zone);
        int[] minutes = minutesOn(hours, day);
        for (int i = 0; i < minutes.length; i += 2) {
            if (t.isBefore(boundary(day, minutes[i]))) {
                return false;
            }
            if (t.isBefore(boundary(day, minutes[i + 1]))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The periods in [from, to) during which a line with these hours is open, clipped to
     * [from, to), in time order; periods that touch (over midnight) are joined into one.
     * Empty when {@code to} is not after {@code from}.
     */
    public List<TimeSpan> openSpans(ServiceHours hours, Instant from, Instant to) {
        Objects.requireNonNull(hours, "hours");
        if (!from.isBefore(to)) {
            return List.of();
        }
        if (hours.isAlways()) {
            return List.of(new TimeSpan(from, to));
        }
        List<TimeSpan> spans = new ArrayList<>();
        Instant spanStart = null;
        Instant spanEnd = null;
        LocalDate lastDay = LocalDate.ofInstant(to, zone);
        for (LocalDate day = LocalDate.ofInstant(from, zone); !day.isAfter(lastDay); day = day.plusDays(1)) {
            int[] minutes = minutesOn(hours, day);
            for (int i = 0; i < minutes.length; i += 2) {
                Instant start = max(boundary(day, minutes[i]), from);
                Instant end = min(boundary(day, minutes[i + 1]), to);
                if (!start.isBefore(end)) {
                    continue;
                }
                if (start.equals(spanEnd)) {
                    spanEnd = end;
                } else {
                    if (spanStart != null) {
                        spans.add(new TimeSpan(spanStart, spanEnd));
                    }
                    spanStart = start;
                    spanEnd = end;
                }
            }
        }
        if (spanStart != null) {
            spans.add(new TimeSpan(spanStart, spanEnd));
        }
        return Collections.unmodifiableList(spans);
    }

    /**
     * How much of [from, to) a line with these hours is open; zero when {@code to} is not after
     * {@code from}. Works a day at a time, so a span of months costs a few hundred steps.
     */
    public Duration serviceTimeBetween(ServiceHours hours, Instant from, Instant to) {
        Duration total = Duration.ZERO;
        for (TimeSpan span : openSpans(hours, from, to)) {
            total = total.plus(span.duration());
        }
        return total;
    }

    /**
     * The first instant after {@code t} at which {@link #isOpen} changes for these hours, or null
     * when it never changes again: always for 24x7, and for hours open around the clock every
     * day once no holiday lies ahead.
     */
    public Instant nextChange(ServiceHours hours, Instant t) {
        Objects.requireNonNull(t, "t");
        if (hours.isAlways()) {
            return null;
        }
        boolean open = isOpen(hours, t);
        LocalDate firstDay = LocalDate.ofInstant(t, zone);
        // Past the last holiday or workday the schedule is weekly, so eight days beyond both
        // t and that day show every change there is; finding none means none will come.
        LocalDate horizon = (lastSpecialDay != null && lastSpecialDay.isAfter(firstDay) ? lastSpecialDay : firstDay)
                .plusDays(8);
        Instant openUntil = null;
        for (LocalDate day = firstDay; !day.isAfter(horizon); day = day.plusDays(1)) {
            int[] minutes = minutesOn(hours, day);
            for (int i = 0; i < minutes.length; i += 2) {
                Instant start = boundary(day, minutes[i]);
                Instant end = boundary(day, minutes[i + 1]);
                if (!start.isBefore(end)) {
                    continue;
                }
                if (!open) {
                    if (start.isAfter(t)) {
                        return start;
                    }
                } else if (openUntil == null) {
                    if (!t.isBefore(start) && t.isBefore(end)) {
                        openUntil = end;
                    }
                } else if (start.equals(openUntil)) {
                    openUntil = end;
                } else {
                    return openUntil;
                }
            }
        }
        if (openUntil != null && openUntil.isBefore(boundary(horizon.plusDays(1), 0))) {
            return openUntil;
        }
        return null;
    }

    /** The day's opening ranges in minutes of the day, with holidays and make-up workdays applied. */
    private int[] minutesOn(ServiceHours hours, LocalDate day) {
        if (holidays.contains(day)) {
            return CLOSED;
        }
        if (isWeekend(day) && workdays.contains(day)) {
            int[] weekday = hours.makeUpDayMinutes();
            if (weekday != null) {
                return weekday;
            }
        }
        return hours.minutes(day.getDayOfWeek());
    }

    /** The instant at which the wall clock of {@code day} shows {@code minute} (1440 = next midnight). */
    private Instant boundary(LocalDate day, int minute) {
        ZoneRules rules = zone.getRules();
        if (rules.isFixedOffset()) {
            long epochSecond = day.toEpochDay() * 86_400L + minute * 60L - rules.getOffset(Instant.EPOCH).getTotalSeconds();
            return Instant.ofEpochSecond(epochSecond);
        }
        LocalDateTime wallClock = minute == 24 * 60
                ? day.plusDays(1).atStartOfDay()
                : day.atTime(minute / 60, minute % 60);
        ZoneOffsetTransition transition = rules.getTransition(wallClock);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return ZonedDateTime.of(wallClock, zone).toInstant();
    }

    private static boolean isWeekend(LocalDate day) {
        DayOfWeek d = day.getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServiceCalendar other && zone.equals(other.zone)
                && holidays.equals(other.holidays) && workdays.equals(other.workdays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(zone, holidays, workdays);
    }

    @Override
    public String toString() {
        return "ServiceCalendar[zone=" + zone + ", holidays=" + holidays + ", workdays=" + workdays + "]";
    }
}
