package org.hotlinepulse.directory;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServiceHoursUnitTest {

    private static boolean open(ServiceHours hours, DayOfWeek day, String time) {
        return hours.isOpenAt(day, LocalTime.parse(time));
    }

    @Test
    void twentyFourSevenIsAlwaysOpen() {
        ServiceHours hours = ServiceHours.parse("24x7");

        assertThat(hours.isAlways()).isTrue();
        assertThat(hours.text()).isEqualTo("24x7");
        assertThat(open(hours, SUNDAY, "03:00")).isTrue();
        assertThat(hours).isEqualTo(ServiceHours.always());
        assertThat(ServiceHours.parse(" 24X7 ").isAlways()).isTrue();
    }

    @Test
    void officeHoursWithLunchBreak() {
        ServiceHours hours = ServiceHours.parse("Mon-Fri 08:30-12:00,14:30-17:30");

        assertThat(hours.isAlways()).isFalse();
        assertThat(open(hours, MONDAY, "08:29")).isFalse();
        assertThat(open(hours, MONDAY, "08:30")).isTrue();
        assertThat(open(hours, WEDNESDAY, "11:59")).isTrue();
        assertThat(open(hours, WEDNESDAY, "12:00")).isFalse();
        assertThat(open(hours, WEDNESDAY, "14:29")).isFalse();
        assertThat(open(hours, FRIDAY, "14:30")).isTrue();
        assertThat(open(hours, FRIDAY, "17:30")).isFalse();
        assertThat(open(hours, SATURDAY, "10:00")).isFalse();
        assertThat(hours.hasHoursOn(FRIDAY)).isTrue();
        assertThat(hours.hasHoursOn(SUNDAY)).isFalse();
    }

    @Test
    void severalGroups() {
        ServiceHours hours = ServiceHours.parse("Mon-Fri 08:30-12:00,14:30-17:30; Sat 09:00-12:00");

        assertThat(open(hours, SATURDAY, "09:00")).isTrue();
        assertThat(open(hours, SATURDAY, "14:30")).isFalse();
        assertThat(open(hours, SUNDAY, "09:00")).isFalse();
        assertThat(hours.text()).isEqualTo("Mon-Fri 08:30-12:00,14:30-17:30; Sat 09:00-12:00");
    }

    @Test
    void dayRangesMayWrapOverTheWeekend() {
        ServiceHours weekend = ServiceHours.parse("Sat-Sun 10:00-16:00");
        ServiceHours wrapping = ServiceHours.parse("Fri-Mon 20:00-24:00");

        assertThat(weekend.hasHoursOn(SATURDAY)).isTrue();
        assertThat(weekend.hasHoursOn(SUNDAY)).isTrue();
        assertThat(weekend.hasHoursOn(MONDAY)).isFalse();
        assertThat(Stream.of(DayOfWeek.values()).filter(wrapping::hasHoursOn))
                .containsExactly(MONDAY, FRIDAY, SATURDAY, SUNDAY);
        assertThat(open(wrapping, SUNDAY, "23:59")).isTrue();
    }

    @Test
    void dayListsMayMixDaysAndRanges() {
        ServiceHours list = ServiceHours.parse("Mon,Wed,Fri 09:00-11:00");
        ServiceHours mixed = ServiceHours.parse("Mon-Wed,Fri 09:00-17:00");

        assertThat(Stream.of(DayOfWeek.values()).filter(list::hasHoursOn)).containsExactly(MONDAY, WEDNESDAY, FRIDAY);
        assertThat(Stream.of(DayOfWeek.values()).filter(mixed::hasHoursOn))
                .containsExactly(MONDAY, TUESDAY, WEDNESDAY, FRIDAY);
        assertThat(mixed.hasHoursOn(THURSDAY)).isFalse();
    }

    @Test
    void caseSpacesAndSingleDigitHoursAreTolerated() {
        ServiceHours loose = ServiceHours.parse("mon - FRI 8:30 - 12:00 , 14:30 - 17:30");

        assertThat(loose).isEqualTo(ServiceHours.parse("Mon-Fri 08:30-12:00,14:30-17:30"));
        assertThat(loose.text()).isEqualTo("mon - FRI 8:30 - 12:00 , 14:30 - 17:30");
    }

    @Test
    void endOfDayIsWrittenAs2400() {
        ServiceHours hours = ServiceHours.parse("Mon-Sun 00:00-24:00");

        assertThat(hours.isAlways()).isFalse();
        assertThat(open(hours, SUNDAY, "00:00")).isTrue();
        assertThat(open(hours, SUNDAY, "23:59")).isTrue();
    }

    @Test
    void equalWhenOpenAtTheSameTimesHoweverWritten() {
        assertThat(ServiceHours.parse("Mon-Fri 09:00-17:00"))
                .isEqualTo(ServiceHours.parse("Mon,Tue,Wed,Thu,Fri 09:00-17:00"))
                .hasSameHashCodeAs(ServiceHours.parse("Mon,Tue,Wed,Thu,Fri 09:00-17:00"));
        assertThat(ServiceHours.parse("Mon 08:00-12:00,12:00-13:00")).isEqualTo(ServiceHours.parse("Mon 08:00-13:00"));
        assertThat(ServiceHours.parse("Mon 08:00-12:00; Mon 14:00-17:00"))
                .isEqualTo(ServiceHours.parse("Mon 14:00-17:00,08:00-12:00"));
        assertThat(ServiceHours.parse("Mon 08:00-12:00")).isNotEqualTo(ServiceHours.parse("Tue 08:00-12:00"));
        assertThat(ServiceHours.parse("Mon-Sun 00:00-24:00")).isNotEqualTo(ServiceHours.always());
    }

    static Stream<Arguments> malformed() {
        String example = "\"Mon-Fri 08:30-12:00,14:30-17:30\"";
        return Stream.of(
                Arguments.of("", "hours are empty; write \"24x7\" or days and times such as " + example),
                Arguments.of("   ", "hours are empty; write \"24x7\" or days and times such as " + example),
                Arguments.of("Mon-Fri", "\"Mon-Fri\" has no times; expected DAYS TIMES such as " + example),
                Arguments.of("08:30-17:30", "\"08:30-17:30\" has no days; expected DAYS TIMES such as " + example),
                Arguments.of("Mon-Fri 08:30-12:00 14:30-17:30", "\"Mon-Fri 08:30-12:00 14:30-17:30\" has more than days and times; "
                        + "separate times with \",\" and groups with \";\", as in \"Mon-Fri 08:30-12:00,14:30-17:30; Sat 09:00-12:00\""),
                Arguments.of("Mnd-Fri 08:30-17:30", "\"Mnd\" is not a day; use Mon, Tue, Wed, Thu, Fri, Sat or Sun"),
                Arguments.of("Monday 08:30-17:30", "\"Monday\" is not a day; use Mon, Tue, Wed, Thu, Fri, Sat or Sun"),
                Arguments.of("周一 08:30-17:30", "\"周一\" is not a day; use Mon, Tue, Wed, Thu, Fri, Sat or Sun"),
                Arguments.of("Mon-Wed-Fri 08:00-12:00", "\"Mon-Wed-Fri\" is not a day range; expected e.g. Mon-Fri"),
                Arguments.of("Mon,,Wed 08:00-12:00", "\"Mon,,Wed\" has an empty entry in its list of days"),
                Arguments.of("Mon-Fri,Wed 08:00-12:00", "Wed appears twice in \"Mon-Fri,Wed\""),
                Arguments.of("Mon 8.30-12:00", "\"8.30\" is not a time; expected HH:mm such as 08:30"),
                Arguments.of("Mon 0830-1200", "\"0830\" is not a time; expected HH:mm such as 08:30"),
                Arguments.of("Mon 08:30", "\"08:30\" is not a time range; expected HH:mm-HH:mm such as 08:30-12:00"),
                Arguments.of("Mon 08:00-12:00,,13:00-14:00", "\"08:00-12:00,,13:00-14:00\" has an empty entry in its list of times"),
                Arguments.of("Mon 25:00-26:00", "\"25:00\" is not a time of day (00:00 to 24:00)"),
                Arguments.of("Mon 08:60-09:00", "\"08:60\" is not a time of day (00:00 to 24:00)"),
                Arguments.of("Mon 22:00-24:30", "\"24:30\" is not a time of day (00:00 to 24:00)"),
                Arguments.of("Mon 17:30-08:30", "range \"17:30-08:30\" ends before it starts; a range cannot cross midnight, "
                        + "write \"17:30-24:00\" and \"00:00-08:30\" on the next day"),
                Arguments.of("Mon 09:00-09:00", "range \"09:00-09:00\" is empty; the end must be after the start"),
                Arguments.of("Mon 08:00-12:00,11:00-13:00", "on Mon, 08:00-12:00 overlaps 11:00-13:00"),
                Arguments.of("Mon-Fri 08:00-12:00; Wed 11:30-14:00", "on Wed, 08:00-12:00 overlaps 11:30-14:00"),
                Arguments.of("Mon 08:00-12:00;", "nothing after the last \";\""),
                Arguments.of("; Mon 08:00-12:00", "nothing before the first \";\""),
                Arguments.of("Mon 08:00-12:00;;Tue 08:00-12:00", "nothing between two \";\""),
                Arguments.of("24x7; Sat 09:00-12:00", "\"24x7\" cannot be combined with other hours"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("malformed")
    void malformedHoursSayWhatIsWrong(String text, String message) {
        assertThatThrownBy(() -> ServiceHours.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void missingHoursAreEmpty() {
        assertThatThrownBy(() -> ServiceHours.parse(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("hours are empty");
    }
}
