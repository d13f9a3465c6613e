package org.hotlinepulse.assessment;

import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.DirectoryException;
import org.hotlinepulse.metrics.Counts;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A generated October 2026 with known faults, over {@code assessment/directory.yaml}: hourly line
 * rows for every line and hour with calls, except on two days without data (20 and 21 October),
 * and alert episodes whose effect on availability and MTTR is computed by hand in the tests.
 * Which hours are in service is decided here by the test's own rules, not by the calendar code, and
 * the expected sums are taken as the rows are generated.
 *
 * <p>Traffic: department A's lines are busy and well answered in the morning, quiet and badly
 * answered in the afternoon (so averaging hourly rates would be far from the pooled rate), with a
 * few calls outside hours; B's two 24x7 lines are answered 70 %; C's first line 40 %. C's second
 * line gets through to no citizen (its one call an hour in service is busy), but the hourly probe
 * placed in those hours connects: it has shown it works only through its probes.
 */
public final class AssessmentScenario {
    public static final YearMonth MONTH = YearMonth.of(2026, 10);
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final Path DIRECTORY_YAML = Path.of("src/test/resources/assessment/directory.yaml");
    public static final Set<LocalDate> DAYS_WITHOUT_DATA = Set.of(LocalDate.of(2026, 10, 20), LocalDate.of(2026, 10, 21));
    public static final Set<LocalDate> HOLIDAYS = Set.of(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2),
            LocalDate.of(2026, 10, 5), LocalDate.of(2026, 10, 6), LocalDate.of(2026, 10, 7));
    public static final LocalDate MAKE_UP_WORKDAY = LocalDate.of(2026, 10, 10);

    public static final String A1 = "037100000001";
    public static final String A2 = "037100000002";
    public static final String B3 = "037100000003";
    public static final String B4 = "037100000004";
    public static final String C5 = "037100000005";
    public static final String C6 = "037100000006";

    public final Directory directory;
    public final List<LineWindow> windows = new ArrayList<>();
    public final List<AlertEpisode> episodes = new ArrayList<>();
    final Map<String, Counts> expectedInService = new LinkedHashMap<>();
    final Map<String, Counts> expectedAfterHours = new LinkedHashMap<>();
    /** Per department, the in-service counts of each hourly window, for the averaging counter-example. */
    final Map<String, List<Counts>> inServiceWindows = new LinkedHashMap<>();

    public AssessmentScenario() throws DirectoryException {
        directory = Directory.load(DIRECTORY_YAML);
        for (String d : List.of("dept-a", "dept-b", "dept-c")) {
            expectedInService.put(d, new Counts());
            expectedAfterHours.put(d, new Counts());
            inServiceWindows.put(d, new ArrayList<>());
        }
        for (LocalDate day = MONTH.atDay(1); !day.isAfter(MONTH.atEndOfMonth()); day = day.plusDays(1)) {
            if (DAYS_WITHOUT_DATA.contains(day)) {
                continue;
            }
            for (int hour = 0; hour < 24; hour++) {
                ZonedDateTime start = day.atTime(hour, 0).atZone(ZONE);
                for (String line : List.of(A1, A2, B3, B4, C5, C6)) {
                    addWindow(line, start);
                }
            }
        }
        // A row of September and one of November: outside the month, never counted.
        windows.add(new LineWindow(B3, at("2026-09-30T23:00+08:00"), 60, counts(5, 1.0, new Random(1))));
        windows.add(new LineWindow(B3, at("2026-11-01T00:00+08:00"), 60, counts(5, 1.0, new Random(2))));
        addEpisodes();
    }

    private void addWindow(String line, ZonedDateTime start) {
        String department = directory.line(line).departmentId();
        int hour = start.getHour();
        boolean inService = inService(line, start);
        int attempts;
        double answerShare;
        switch (line) {
            case A1, A2 -> {
                boolean morning = hour >= 9 && hour < 12;
                attempts = inService ? (morning ? 40 : 4) : (hour == 8 || hour == 12 || hour == 17 ? 2 : 0);
                answerShare = inService ? (morning ? 0.9 : 0.25) : 0.0;
            }
            case B3, B4 -> {
                attempts = hour >= 8 && hour < 20 ? 30 : 2;
                answerShare = 0.7;
            }
            case C5 -> {
                attempts = inService ? 10 : 0;
                answerShare = 0.4;
            }
            default -> {
                attempts = inService ? 1 : 0;
                answerShare = 0;
            }
        }
        if (attempts == 0) {
            return;
        }
        Counts c = line.equals(C6) ? busyCallAndPassedProbe()
                : counts(attempts, answerShare, new Random(line.hashCode() * 31L + start.toEpochSecond()));
        windows.add(new LineWindow(line, start.toInstant(), 60, c));
        if (inService) {
            expectedInService.get(department).add(c);
            inServiceWindows.get(department).add(c);
        } else {
            expectedAfterHours.get(department).add(c);
        }
    }

    /** The test's own rule for "in service": written out per line, independent of ServiceCalendar. */
    static boolean inService(String line, ZonedDateTime hourStart) {
        LocalDate day = hourStart.toLocalDate();
        int hour = hourStart.getHour();
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        boolean workday = !HOLIDAYS.contains(day) && (!weekend || day.equals(MAKE_UP_WORKDAY));
        return switch (line) {
            case A1, A2 -> workday && (hour >= 9 && hour < 12 || hour >= 14 && hour < 17);
            case B3 -> true;
            case B4 -> !(day.equals(LocalDate.of(2026, 10, 15)) && hour >= 2 && hour < 6); // planned closure
            default -> workday && hour >= 9 && hour < 17;
        };
    }

    /** One busy citizen call and one connected probe call: the probe counts ride on the call's row. */
    private static Counts busyCallAndPassedProbe() {
        Counts c = new Counts();
        c.attempts = 1;
        c.busy = 1;
        c.probeAttempts = 1;
        c.probeConnected = 1;
        return c;
    }

    /** Consistent counts for {@code attempts} calls of which about {@code answerShare} are answered. */
    static Counts counts(int attempts, double answerShare, Random random) {
        Counts c = new Counts();
        for (int i = 0; i < attempts; i++) {
            c.attempts++;
            if (random.nextDouble() < answerShare) {
                c.connected++;
                c.answered++;
                long waitMs = 1_000 + random.nextInt(40_000);
                c.waitMsSum += waitMs;
                c.talkMsSum += 60_000 + random.nextInt(300_000);
                if (waitMs <= 20_000) {
                    c.answeredWithinSl++;
                }
                if (random.nextInt(10) < 7) {
                    c.resolvedKnown++;
                    if (random.nextInt(10) < 6) {
                        c.resolved++;
                    }
                }
                if (random.nextInt(2) == 0) {
                    int score = 1 + random.nextInt(5);
                    c.satisfactionCount++;
                    c.satisfactionSum += score;
                    if (score >= 4) {
                        c.satisfied++;
                    }
                }
            } else {
                switch (random.nextInt(4)) {
                    case 0 -> {
                        c.connected++;
                        c.abandoned++;
                        if (random.nextBoolean()) {
                            c.shortAbandoned++;
                        }
                    }
                    case 1 -> {
                        c.connected++;
                        c.noAnswer++;
                    }
                    case 2 -> c.busy++;
                    default -> c.failed++;
                }
            }
        }
        return c;
    }

    private void addEpisodes() {
        // Department A. A1 out of service 10:30-15:00 on Tue 13 Oct: in service 10:30-12:00 and 14:00-15:00.
        episode(AlertType.OUT_OF_SERVICE, A1, "2026-10-13T10:30+08:00", "2026-10-13T15:00+08:00");
        // A2 constantly busy inside A1's outage: adds no unavailable minute, one more resolved outage.
        episode(AlertType.CONSTANT_BUSY, A2, "2026-10-13T11:00+08:00", "2026-10-13T11:30+08:00");
        // A2 silent 11:00-14:30 on Wed 14 Oct: in service 11:00-12:00 and 14:00-14:30.
        episode(AlertType.SILENT, A2, "2026-10-14T11:00+08:00", "2026-10-14T14:30+08:00");
        // Not an outage: counted as an alert only.
        episode(AlertType.HIGH_ABANDONMENT, A1, "2026-10-16T09:00+08:00", "2026-10-16T10:00+08:00");
        // September only: not this month's.
        episode(AlertType.OUT_OF_SERVICE, A1, "2026-09-15T10:00+08:00", "2026-09-15T11:00+08:00");

        // Department B. B4 busy 05:00-07:00 on 15 Oct, closed for planned work until 06:00: 60 minutes count.
        episode(AlertType.CONSTANT_BUSY, B4, "2026-10-15T05:00+08:00", "2026-10-15T07:00+08:00");
        // B3 unanswered from 22:00 on 31 Oct, still open at the end of the data: 120 minutes.
        episode(AlertType.UNANSWERED, B3, "2026-10-31T22:00+08:00", null);
        episode(AlertType.HIGH_ABANDONMENT, B3, "2026-10-16T10:00+08:00", "2026-10-16T10:30+08:00");

        // Department C. C5's probes failed from 30 Sep 20:00 to Thu 8 Oct 09:30; 1-7 Oct are holidays
        // and a weekend, so only 09:00-09:30 on 8 Oct is scheduled time lost.
        episode(AlertType.PROBE_FAILED, C5, "2026-09-30T20:00+08:00", "2026-10-08T09:30+08:00");

        // A number not in the directory: no department's.
        episode(AlertType.UNKNOWN_LINE, "037199990000", "2026-10-12T10:00+08:00", "2026-10-13T10:00+08:00");
    }

    private void episode(AlertType type, String line, String startsAt, String endsAt) {
        Instant start = at(startsAt);
        episodes.add(new AlertEpisode(type.name() + "-" + line + "-" + start.toEpochMilli(), type, line, start,
                endsAt == null ? null : at(endsAt)));
    }

    public static Instant at(String isoWithOffset) {
        return OffsetDateTime.parse(isoWithOffset).toInstant();
    }

    /** The scenario as an in-memory source, answering as the file and PostgreSQL sources do. */
    public AssessmentSource source() {
        return new AssessmentSource() {
            @Override
            public String description() {
                return "generated scenario";
            }

            @Override
            public Directory directory() {
                return directory;
            }

            @Override
            public NavigableSet<Integer> lineWindowSizes(Instant from, Instant to) {
                NavigableSet<Integer> sizes = new TreeSet<>();
                windows.stream().filter(w -> !w.start().isBefore(from) && w.start().isBefore(to))
                        .forEach(w -> sizes.add(w.minutes()));
                return sizes;
            }

            @Override
            public void lineWindows(Instant from, Instant to, int minutes, Consumer<LineWindow> sink) {
                windows.stream().filter(w -> w.minutes() == minutes && !w.start().isBefore(from) && w.start().isBefore(to))
                        .forEach(sink);
            }

            @Override
            public List<AlertEpisode> episodes(Instant from, Instant to) {
                return episodes.stream().filter(e -> e.overlaps(from, to)).toList();
            }
        };
    }
}
