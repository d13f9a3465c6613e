package org.hotlinepulse.directory;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The weekly opening hours of one line, as written in the directory's {@code hours} field:
 * {@code "24x7"} or groups such as {@code "Mon-Fri 08:30-12:00,14:30-17:30; Sat 09:00-12:00"}.
 * Holidays and make-up workdays are applied on top of these by {@link ServiceCalendar}.
 *
 * <p>Two values are equal when they open at the same times, however they were written.
 */
public final class ServiceHours implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final String ALWAYS_TEXT = "24x7";
    private static final int MINUTES_PER_DAY = 24 * 60;
    private static final int[] CLOSED = new int[0];
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");
    private static final Pattern SPACES_AROUND_SEPARATORS = Pattern.compile("\\s*([,-])\\s*");
    private static final String EXAMPLE = "\"Mon-Fri 08:30-12:00,14:30-17:30\"";

    private final String text;
    /**
     * Index 0 is Monday. Each day holds sorted, disjoint, non-touching ranges flattened as
     * [start, end, start, end, ...] in minutes of the day (end may be 1440). Null for 24x7.
     */
    private final int[][] week;

    private ServiceHours(String text, int[][] week) {
        this.text = text;
        this.week = week;
    }

    /** Hours that never close: the line is staffed around the clock, holidays included. */
    public static ServiceHours always() {
        return new ServiceHours(ALWAYS_TEXT, null);
    }

    /**
     * Parses the {@code hours} grammar: {@code 24x7}, or groups {@code DAYS TIMES} separated by
     * {@code ;}, where DAYS is a comma list of days ({@code Mon}..{@code Sun}) or day ranges
     * ({@code Mon-Fri}, wrapping ranges such as {@code Fri-Mon} included) and TIMES a comma
     * list of {@code HH:mm-HH:mm} ranges (end after start, {@code 24:00} allowed as end).
     * Day names and {@code 24x7} are case-insensitive; spaces around {@code ,} and {@code -}
     * are ignored.
     *
     * @throws IllegalArgumentException with a message saying what in the text is wrong
     */
    public static ServiceHours parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(
                    "hours are empty; write \"24x7\" or days and times such as " + EXAMPLE);
        }
        String trimmed = text.strip();
        if (trimmed.equalsIgnoreCase(ALWAYS_TEXT)) {
            return new ServiceHours(text, null);
        }
        List<List<int[]>> perDay = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            perDay.add(new ArrayList<>());
        }
        String[] groups = trimmed.split(";", -1);
        for (int g = 0; g < groups.length; g++) {
            String group = groups[g].strip();
            if (group.isEmpty()) {
                throw new IllegalArgumentException(g == 0 ? "nothing before the first \";\""
                        : g == groups.length - 1 ? "nothing after the last \";\""
                        : "nothing between two \";\"");
            }
            if (group.equalsIgnoreCase(ALWAYS_TEXT)) {
                throw new IllegalArgumentException("\"24x7\" cannot be combined with other hours");
            }
            parseGroup(group, perDay);
        }
        int[][] week = new int[7][];
        for (int d = 0; d < 7; d++) {
            week[d] = normalize(DayOfWeek.of(d + 1), perDay.get(d));
        }
        return new ServiceHours(text, week);
    }

    private static void parseGroup(String group, List<List<int[]>> perDay) {
        String compact = SPACES_AROUND_SEPARATORS.matcher(group).replaceAll("$1");
        String[] parts = compact.split("\\s+");
        if (parts.length == 1) {
            if (Character.isDigit(parts[0].charAt(0))) {
                throw new IllegalArgumentException("\"" + group + "\" has no days; expected DAYS TIMES such as " + EXAMPLE);
            }
            throw new IllegalArgumentException("\"" + group + "\" has no times; expected DAYS TIMES such as " + EXAMPLE);
        }
        if (parts.length > 2) {
            throw new IllegalArgumentException("\"" + group + "\" has more than days and times; separate times with \",\" and groups with \";\", as in "
                    + "\"Mon-Fri 08:30-12:00,14:30-17:30; Sat 09:00-12:00\"");
        }
        Set<DayOfWeek> days = parseDays(parts[0]);
        List<int[]> ranges = parseTimes(parts[1]);
        for (DayOfWeek day : days) {
            perDay.get(day.getValue() - 1).addAll(ranges);
        }
    }

    private static Set<DayOfWeek> parseDays(String spec) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : spec.split(",", -1)) {
            if (item.isEmpty()) {
                throw new IllegalArgumentException("\"" + spec + "\" has an empty entry in its list of days");
            }
            String[] ends = item.split("-", -1);
            List<DayOfWeek> itemDays = new ArrayList<>();
            if (ends.length == 1) {
                itemDays.add(parseDay(ends[0]));
            } else if (ends.length == 2) {
                DayOfWeek from = parseDay(ends[0]);
                DayOfWeek to = parseDay(ends[1]);
                for (DayOfWeek d = from; ; d = d.plus(1)) {
                    itemDays.add(d);
                    if (d == to) {
                        break;
                    }
                }
            } else {
                throw new IllegalArgumentException("\"" + item + "\" is not a day range; expected e.g. Mon-Fri");
            }
            for (DayOfWeek d : itemDays) {
                if (!days.add(d)) {
                    throw new IllegalArgumentException(dayName(d) + " appears twice in \"" + spec + "\"");
                }
            }
        }
        return days;
    }

    private static DayOfWeek parseDay(String s) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (dayName(d).equalsIgnoreCase(s)) {
                return d;
            }
        }
        throw new IllegalArgumentException("\"" + s + "\" is not a day; use Mon, Tue, Wed, Thu, Fri, Sat or Sun");
    }

    private static List<int[]> parseTimes(String spec) {
        List<int[]> ranges = new ArrayList<>();
        for (String item : spec.split(",", -1)) {
            if (item.isEmpty()) {
                throw new IllegalArgumentException("\"" + spec + "\" has an empty entry in its list of times");
            }
            String[] ends = item.split("-", -1);
            if (ends.length != 2) {
                throw new IllegalArgumentException("\"" + item + "\" is not a time range; expected HH:mm-HH:mm such as 08:30-12:00");
            }
            int start = parseTime(ends[0]);
            int end = parseTime(ends[1]);
            if (end == start) {
                throw new IllegalArgumentException("range \"" + item + "\" is empty; the end must be after the start");
            }
            if (end < start) {
                throw new IllegalArgumentException("range \"" + item + "\" ends before it starts; a range cannot cross midnight, write \""
                        + ends[0] + "-24:00\" and \"00:00-" + ends[1] + "\" on the next day");
            }
            ranges.add(new int[] {start, end});
        }
        return ranges;
    }

    private static int parseTime(String s) {
        Matcher m = TIME.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + s + "\" is not a time; expected HH:mm such as 08:30");
        }
        int hour = Integer.parseInt(m.group(1));
        int minute = Integer.parseInt(m.group(2));
        if (hour > 24 || minute > 59 || (hour == 24 && minute != 0)) {
            throw new IllegalArgumentException("\"" + s + "\" is not a time of day (00:00 to 24:00)");
        }
        return hour * 60 + minute;
    }

    /** Sorts one day's ranges, rejects overlaps and joins ranges that touch (08:00-12:00,12:00-13:00). */
    private static int[] normalize(DayOfWeek day, List<int[]> ranges) {
        if (ranges.isEmpty()) {
            return CLOSED;
        }
        ranges.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
        List<int[]> merged = new ArrayList<>();
        int[] current = ranges.get(0).clone();
        for (int i = 1; i < ranges.size(); i++) {
            int[] next = ranges.get(i);
            if (next[0] < current[1]) {
                throw new IllegalArgumentException("on " + dayName(day) + ", " + format(ranges.get(i - 1))
                        + " overlaps " + format(next));
            }
            if (next[0] == current[1]) {
                current[1] = next[1];
            } else {
                merged.add(current);
                current = next.clone();
            }
        }
        merged.add(current);
        int[] flat = new int[merged.size() * 2];
        for (int i = 0; i < merged.size(); i++) {
            flat[2 * i] = merged.get(i)[0];
            flat[2 * i + 1] = merged.get(i)[1];
        }
        return flat;
    }

    /** True for {@code 24x7}: open at every instant, holidays included. */
    public boolean isAlways() {
        return week == null;
    }

    /** The hours exactly as written (for {@link #always()}: {@code 24x7}). */
    public String text() {
        return text;
    }

    /** Whether the line opens at all on this day of a normal week. */
    public boolean hasHoursOn(DayOfWeek day) {
        return week == null || week[day.getValue() - 1].length > 0;
    }

    /** Whether the line is open at this wall-clock time on this day of a normal week (no calendar applied). */
    public boolean isOpenAt(DayOfWeek day, LocalTime time) {
        if (week == null) {
            return true;
        }
        int minuteOfDay = time.getHour() * 60 + time.getMinute();
        int[] ranges = week[day.getValue() - 1];
        for (int i = 0; i < ranges.length; i += 2) {
            if (minuteOfDay >= ranges[i] && minuteOfDay < ranges[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * The day's ranges as [start, end, ...] minutes of the day; the array is shared, never modify it.
     * Not meaningful for 24x7.
     */
    int[] minutes(DayOfWeek day) {
        return week == null ? new int[] {0, MINUTES_PER_DAY} : week[day.getValue() - 1];
    }

    /**
     * The ranges that apply on a make-up workday (调休) falling on a weekend: those of the first
     * weekday, Monday to Friday, that has hours. A line with no weekday hours keeps the
     * weekend day's own hours, given here as null.
     */
    int[] makeUpDayMinutes() {
        for (int d = 0; d < 5; d++) {
            if (week[d].length > 0) {
                return week[d];
            }
        }
        return null;
    }

    private static String dayName(DayOfWeek day) {
        String name = day.name();
        return name.charAt(0) + name.substring(1, 3).toLowerCase(Locale.ROOT);
    }

    private static String format(int[] range) {
        return formatMinute(range[0]) + "-" + formatMinute(range[1]);
    }

    private static String formatMinute(int minute) {
        return String.format(Locale.ROOT, "%02d:%02d", minute / 60, minute % 60);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServiceHours other && Arrays.deepEquals(week, other.week);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(week);
    }

    @Override
    public String toString() {
        return text;
    }
}
