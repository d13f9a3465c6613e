package org.hotlinepulse.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceCalendarUnitTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** National Day 2026: 1–7 October off, Saturday 10 October worked (调休). */
    private static final ServiceCalendar CALENDAR = new ServiceCalendar(SHANGHAI,
            Stream.iterate(LocalDate.of(2026, 10, 1), d -> d.plusDays(1)).limit(7).collect(Collectors.toSet()),
            Set.of(LocalDate.of(2026, 10, 10)));

    private static final ServiceHours OFFICE = ServiceHours.parse("Mon-Fri 08:30-12:00,14:30-17:30");
    private static final ServiceHours ALWAYS = ServiceHours.always();

    /** An instant given as wall-clock time in Shanghai. */
    private static Instant sh(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    private static TimeSpan span(String from, String to) {
        return new TimeSpan(sh(from), sh(to));
    }

    @Nested
    class IsOpen {

        @Test
        void lunchBreakIsClosed() {
            assertThat(CALENDAR.isOpen(OFFICE, sh("2026-10-12T11:59:59"))).isTrue();
            assertThat(CALENDAR.isOpen(OFFICE, sh("2026-10-12T12:00"))).isFalse();
            assertThat(CALENDAR.isOpen(OFFICE, sh("2026-10-12T12:30"))).isFalse();
            assertThat(CALENDAR.isOpen(OFFICE, sh("2026-10-12T14:29:59.999"))).isFalse();
            assertThat(CALENDAR.isOpen(OFFICE, sh("2026-10-12T14:30"))).isTrue();
        }

        @Test
        void openingIsInclusiveAndClosingExclusive() {
            assertThat(CALENDAR.isOpen(OFFICE, sh("2026-10-12T08:29:59.999"))).isFalse();
            assertThat(CALENDAR.isOpen(OFFICE, sh("2026-10-12T08:30"))).isTrue();
            assertThat(CALENDAR.isOpen(OFFICE, sh("2026-10-12T17:29:59.999"))).isTrue();
            assertThat(CALENDAR.isOpen(OFFICE, sh("2026-10-12T17:30"))).isFalse();
        }

        @Test
        void aHolidayOnAWeekdayIsClosed() {
            // Monday 5 October 2026 is a holiday of the National Day week.
            assertThat(CALENDAR.isOpen(OFFICE, sh("2026-10-05T10:00"))).isFalse();
            assertThat(CALENDAR.isOpen(OFFICE, sh("2026-10-12T10:00"))).isTrue();
        }

        @Test
        void aHolidayOnAWeekendClosesWeekendHoursToo() {
            ServiceHours withSaturday = ServiceHours.parse("Mon-Fri 08:30-17:30; Sat 09:00-12:00");

            assertThat(CALENDAR.isOpen(withSaturday, sh("2026-10-03T10:00"))).isFalse();
            assertThat(CALENDAR.isOpen(withSaturday, sh("2026-10-17T10:00"))).isTrue();
        }

        @Test
        void twentyFourSevenLinesAreOpenOnHolidays() {
            assertThat(CALENDAR.isOpen(ALWAYS, sh("2026-10-01T03:00"))).isTrue();
            assertThat(CALENDAR.isOpen(ALWAYS, sh("2026-10-05T12:30"))).isTrue();
        }

        @Test
        void aMakeUpWorkdayOnASaturdayIsOpen() {
            assertThat(CALENDAR.isOpen(OFFICE, sh("2026-10-10T09:00"))).isTrue();
            assertThat(CALENDAR.isOpen(OFFICE, sh("2026-10-10T12:30"))).as("lunch break of a weekday").isFalse();
            assertThat(CALENDAR.isOpen(OFFICE, sh("2026-10-10T15:00"))).isTrue();
            assertThat(CALENDAR.isOpen(OFFICE, sh("2026-10-17T09:00"))).as("an ordinary Saturday").isFalse();
        }

        @Test
        void aMakeUpWorkdayHasTheHoursOfTheFirstWeekdayWithHours() {
            ServiceHours tuesdayThursday = ServiceHours.parse("Tue 14:00-16:00; Thu 09:00-11:00");
            ServiceHours mondayAndSaturday = ServiceHours.parse("Mon-Fri 08:30-17:30; Sat 09:00-12:00");

            assertThat(CALENDAR.isOpen(tuesdayThursday, sh("2026-10-10T15:00"))).isTrue();
            assertThat(CALENDAR.isOpen(tuesdayThursday, sh("2026-10-10T10:00"))).isFalse();
            assertThat(CALENDAR.isOpen(mondayAndSaturday, sh("2026-10-10T16:00")))
                    .as("Monday's hours replace Saturday's").isTrue();
        }

        @Test
        void aWeekendOnlyLineKeepsItsHoursOnAMakeUpWorkday() {
            ServiceHours weekend = ServiceHours.parse("Sat-Sun 09:00-17:00");

            assertThat(CALENDAR.isOpen(weekend, sh("2026-10-10T10:00"))).isTrue();
            assertThat(CALENDAR.isOpen(weekend, sh("2026-10-10T18:00"))).isFalse();
        }

        @Test
        void midnightFallsOnTheShanghaiDateNotTheUtcDate() {
            Instant t = Instant.parse("2026-10-12T16:30:00Z"); // Monday 16:30 UTC = Tuesday 00:30 in Shanghai
            ServiceHours tuesdayNight = ServiceHours.parse("Tue 00:00-06:00");
            ServiceHours mondayAfternoon = ServiceHours.parse("Mon 08:00-17:00");
            ServiceCalendar utc = new ServiceCalendar(ZoneOffset.UTC);

            assertThat(CALENDAR.isOpen(tuesdayNight, t)).isTrue();
            assertThat(CALENDAR.isOpen(mondayAfternoon, t)).isFalse();
            assertThat(utc.isOpen(tuesdayNight, t)).isFalse();
            assertThat(utc.isOpen(mondayAfternoon, t)).isTrue();
        }

        @Test
        void theDayBeforeAHolidayClosesAtMidnight() {
            ServiceHours nights = ServiceHours.parse("Mon-Sun 20:00-24:00");

            assertThat(CALENDAR.isOpen(nights, sh("2026-09-30T23:59:59"))).isTrue();
            assertThat(CALENDAR.isOpen(nights, sh("2026-10-01T00:00"))).isFalse();
        }
    }

    @Nested
    class OpenSpansAndServiceTime {

        @Test
        void acrossNightsAndAWeekend() {
            List<TimeSpan> spans = CALENDAR.openSpans(OFFICE, sh("2026-10-16T16:00"), sh("2026-10-20T09:00"));

            assertThat(spans).containsExactly(
                    span("2026-10-16T16:00", "2026-10-16T17:30"),
                    span("2026-10-19T08:30", "2026-10-19T12:00"),
                    span("2026-10-19T14:30", "2026-10-19T17:30"),
                    span("2026-10-20T08:30", "2026-10-20T09:00"));
            assertThat(CALENDAR.serviceTimeBetween(OFFICE, sh("2026-10-16T16:00"), sh("2026-10-20T09:00")))
                    .isEqualTo(Duration.ofMinutes(90 + 210 + 180 + 30));
        }

        @Test
        void acrossTheHolidayWeekAndTheMakeUpSaturday() {
            List<TimeSpan> spans = CALENDAR.openSpans(OFFICE, sh("2026-09-30T00:00"), sh("2026-10-11T00:00"));

            assertThat(spans).containsExactly(
                    span("2026-09-30T08:30", "2026-09-30T12:00"), span("2026-09-30T14:30", "2026-09-30T17:30"),
                    span("2026-10-08T08:30", "2026-10-08T12:00"), span("2026-10-08T14:30", "2026-10-08T17:30"),
                    span("2026-10-09T08:30", "2026-10-09T12:00"), span("2026-10-09T14:30", "2026-10-09T17:30"),
                    span("2026-10-10T08:30", "2026-10-10T12:00"), span("2026-10-10T14:30", "2026-10-10T17:30"));
            assertThat(CALENDAR.serviceTimeBetween(OFFICE, sh("2026-09-30T00:00"), sh("2026-10-11T00:00")))
                    .isEqualTo(Duration.ofMinutes(4 * 390));
        }

        @Test
        void aWholeMonth() {
            // October 2026: 22 weekdays, 5 of them holidays, plus the make-up Saturday: 18 days of 6.5 h.
            assertThat(CALENDAR.serviceTimeBetween(OFFICE, sh("2026-10-01T00:00"), sh("2026-11-01T00:00")))
                    .isEqualTo(Duration.ofMinutes(18 * 390));
            assertThat(CALENDAR.serviceTimeBetween(ALWAYS, sh("2026-10-01T00:00"), sh("2026-11-01T00:00")))
                    .isEqualTo(Duration.ofDays(31));
        }

        @Test
        void periodsThatTouchAtMidnightAreOneSpan() {
            ServiceHours nightShift = ServiceHours.parse("Mon-Sun 00:00-06:00,20:00-24:00");

            assertThat(CALENDAR.openSpans(nightShift, sh("2026-10-12T18:00"), sh("2026-10-14T12:00"))).containsExactly(
                    span("2026-10-12T20:00", "2026-10-13T06:00"),
                    span("2026-10-13T20:00", "2026-10-14T06:00"));
        }

        @Test
        void spansAreClippedToTheRequestedPeriod() {
            assertThat(CALENDAR.openSpans(OFFICE, sh("2026-10-12T10:00"), sh("2026-10-12T15:00"))).containsExactly(
                    span("2026-10-12T10:00", "2026-10-12T12:00"),
                    span("2026-10-12T14:30", "2026-10-12T15:00"));
            assertThat(CALENDAR.openSpans(ALWAYS, sh("2026-10-01T10:00"), sh("2026-10-01T11:00")))
                    .containsExactly(span("2026-10-01T10:00", "2026-10-01T11:00"));
        }

        @Test
        void anEmptyOrReversedPeriodHasNoServiceTime() {
            assertThat(CALENDAR.openSpans(OFFICE, sh("2026-10-12T10:00"), sh("2026-10-12T10:00"))).isEmpty();
            assertThat(CALENDAR.openSpans(OFFICE, sh("2026-10-12T11:00"), sh("2026-10-12T10:00"))).isEmpty();
            assertThat(CALENDAR.serviceTimeBetween(OFFICE, sh("2026-10-12T11:00"), sh("2026-10-12T10:00"))).isZero();
            assertThat(CALENDAR.serviceTimeBetween(ALWAYS, sh("2026-10-12T11:00"), sh("2026-10-12T10:00"))).isZero();
        }

        @Test
        void longSpansAreCheap() {
            long started = System.nanoTime();
            Duration tenYears = CALENDAR.serviceTimeBetween(OFFICE, sh("2020-01-01T00:00"), sh("2030-01-01T00:00"));
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertThat(tenYears).isPositive();
            assertThat(millis).as("ten years a day at a time").isLessThan(2_000);
        }
    }

    @Nested
    class NextChange {

        @Test
        void fromOpenToTheLunchBreakAndBack() {
            assertThat(CALENDAR.nextChange(OFFICE, sh("2026-10-12T10:00"))).isEqualTo(sh("2026-10-12T12:00"));
            assertThat(CALENDAR.nextChange(OFFICE, sh("2026-10-12T12:00"))).isEqualTo(sh("2026-10-12T14:30"));
            assertThat(CALENDAR.nextChange(OFFICE, sh("2026-10-12T08:30"))).isEqualTo(sh("2026-10-12T12:00"));
            assertThat(CALENDAR.nextChange(OFFICE, sh("2026-10-12T06:00"))).isEqualTo(sh("2026-10-12T08:30"));
        }

        @Test
        void overTheWeekendHolidaysAndTheMakeUpDay() {
            assertThat(CALENDAR.nextChange(OFFICE, sh("2026-10-16T17:30"))).isEqualTo(sh("2026-10-19T08:30"));
            assertThat(CALENDAR.nextChange(OFFICE, sh("2026-09-30T18:00"))).isEqualTo(sh("2026-10-08T08:30"));
            assertThat(CALENDAR.nextChange(OFFICE, sh("2026-10-09T18:00"))).isEqualTo(sh("2026-10-10T08:30"));
        }

        @Test
        void notAtMidnightWhenOpenAcrossIt() {
            ServiceHours nightShift = ServiceHours.parse("Mon-Sun 00:00-06:00,20:00-24:00");

            assertThat(CALENDAR.nextChange(nightShift, sh("2026-10-12T21:00"))).isEqualTo(sh("2026-10-13T06:00"));
            assertThat(CALENDAR.nextChange(nightShift, sh("2026-09-30T21:00")))
                    .as("closing at midnight for the holiday").isEqualTo(sh("2026-10-01T00:00"));
        }

        @Test
        void neverForTwentyFourSeven() {
            assertThat(CALENDAR.nextChange(ALWAYS, sh("2026-10-12T10:00"))).isNull();
        }

        @Test
        void hoursOpenAroundTheClockChangeOnlyForHolidays() {
            ServiceHours aroundTheClock = ServiceHours.parse("Mon-Sun 00:00-24:00");

            assertThat(CALENDAR.nextChange(aroundTheClock, sh("2026-09-20T10:00"))).isEqualTo(sh("2026-10-01T00:00"));
            assertThat(CALENDAR.nextChange(aroundTheClock, sh("2026-10-03T10:00"))).isEqualTo(sh("2026-10-08T00:00"));
            assertThat(CALENDAR.nextChange(aroundTheClock, sh("2026-10-08T10:00"))).isNull();
        }
    }

    @Nested
    class DaylightSaving {

        private final ServiceCalendar berlin = new ServiceCalendar(BERLIN);

        private Instant be(String localDateTime) {
            return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
        }

        @Test
        void opensAtTheLocalTimeOnEitherSideOfTheChange() {
            ServiceHours days = ServiceHours.parse("Mon-Sun 08:00-17:00");

            assertThat(berlin.openSpans(days, be("2026-03-28T00:00"), be("2026-03-30T00:00"))).containsExactly(
                    new TimeSpan(Instant.parse("2026-03-28T07:00:00Z"), Instant.parse("2026-03-28T16:00:00Z")),
                    new TimeSpan(Instant.parse("2026-03-29T06:00:00Z"), Instant.parse("2026-03-29T15:00:00Z")));
            assertThat(berlin.nextChange(days, be("2026-03-28T17:00"))).isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
        }

        @Test
        void nightsAreAnHourShorterInSpringAndLongerInAutumn() {
            ServiceHours nights = ServiceHours.parse("Mon-Sun 00:00-06:00");

            assertThat(berlin.serviceTimeBetween(nights, be("2026-03-29T00:00"), be("2026-03-30T00:00"))).isEqualTo(Duration.ofHours(5));
            assertThat(berlin.serviceTimeBetween(nights, be("2026-10-25T00:00"), be("2026-10-26T00:00"))).isEqualTo(Duration.ofHours(7));
            assertThat(berlin.serviceTimeBetween(ServiceHours.parse("Sun 00:00-24:00"), be("2026-03-29T00:00"), be("2026-03-30T00:00")))
                    .isEqualTo(Duration.ofHours(23));
        }

        @Test
        void aRangeStartingInTheSkippedHourOpensWhenTheClocksJump() {
            ServiceHours hours = ServiceHours.parse("Sun 02:30-04:00");
            Instant jump = Instant.parse("2026-03-29T01:00:00Z"); // 02:00 CET becomes 03:00 CEST

            assertThat(berlin.openSpans(hours, be("2026-03-29T00:00"), be("2026-03-30T00:00")))
                    .containsExactly(new TimeSpan(jump, Instant.parse("2026-03-29T02:00:00Z")));
            assertThat(berlin.isOpen(hours, jump.minusMillis(1))).isFalse();
            assertThat(berlin.isOpen(hours, jump)).isTrue();
        }
    }

    /**
     * Checks openSpans, serviceTimeBetween and nextChange against isOpen sampled every minute
     * (every boundary is a whole minute), over holidays, the make-up day and a DST change.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "Mon-Fri 08:30-12:00,14:30-17:30",
            "Mon-Fri 08:30-17:30; Sat 09:00-12:00",
            "Mon-Sun 00:00-06:00,20:00-24:00",
            "Tue,Thu 14:00-16:00",
            "Sat-Sun 09:00-17:00",
            "Sun 01:30-03:30"})
    void agreesWithIsOpenMinuteByMinute(String text) {
        ServiceHours hours = ServiceHours.parse(text);
        for (ServiceCalendar calendar : List.of(CALENDAR,
                new ServiceCalendar(BERLIN, Set.of(LocalDate.of(2026, 10, 26)), Set.of(LocalDate.of(2026, 10, 24))))) {
            Instant from = LocalDate.of(2026, 9, 27).atStartOfDay(calendar.zone()).toInstant();
            Instant to = LocalDate.of(2026, 10, 28).atStartOfDay(calendar.zone()).toInstant();
            long openMinutes = 0;
            Instant expectedNextChange = null;
            Instant lastChangeCheck = null;
            boolean previous = calendar.isOpen(hours, from);
            for (Instant t = from; t.isBefore(to); t = t.plus(1, ChronoUnit.MINUTES)) {
                boolean open = calendar.isOpen(hours, t);
                if (open) {
                    openMinutes++;
                }
                if (open != previous) {
                    // Every minute between the previous change and this one must point here.
                    expectedNextChange = t;
                    Instant probe = lastChangeCheck == null ? from : lastChangeCheck;
                    assertThat(calendar.nextChange(hours, probe)).as("%s after %s", text, probe).isEqualTo(expectedNextChange);
                    assertThat(calendar.nextChange(hours, t.minusSeconds(1))).isEqualTo(t);
                    lastChangeCheck = t;
                }
                previous = open;
            }
            assertThat(calendar.serviceTimeBetween(hours, from, to)).as(text).isEqualTo(Duration.ofMinutes(openMinutes));
            Duration fromSpans = calendar.openSpans(hours, from, to).stream().map(TimeSpan::duration)
                    .reduce(Duration.ZERO, Duration::plus);
            assertThat(fromSpans).isEqualTo(Duration.ofMinutes(openMinutes));
            for (TimeSpan s : calendar.openSpans(hours, from, to)) {
                assertThat(calendar.isOpen(hours, s.from())).isTrue();
                assertThat(calendar.isOpen(hours, s.to().minusMillis(1))).isTrue();
                if (s.to().isBefore(to)) {
                    assertThat(calendar.isOpen(hours, s.to())).isFalse();
                }
            }
        }
    }

    @Test
    void aDayCannotBeBothAHolidayAndAMakeUpWorkday() {
        LocalDate saturday = LocalDate.of(2026, 10, 10);

        assertThatThrownBy(() -> new ServiceCalendar(SHANGHAI, Set.of(saturday), Set.of(saturday)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("2026-10-10 is both a holiday and a make-up workday");
    }

    @Test
    void aMakeUpWorkdayMustBeOnAWeekend() {
        assertThatThrownBy(() -> new ServiceCalendar(SHANGHAI, Set.of(), Set.of(LocalDate.of(2026, 10, 12))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("make-up workday 2026-10-12 is a Monday; make-up workdays are Saturdays or Sundays that are worked");
    }

    @Test
    void holidaysAndWorkdaysAreSortedAndReadOnly() {
        assertThat(CALENDAR.holidays()).first().isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(CALENDAR.workdays()).containsExactly(LocalDate.of(2026, 10, 10));
        assertThatThrownBy(() -> CALENDAR.holidays().add(LocalDate.of(2026, 12, 25)))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
