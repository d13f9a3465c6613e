package org.hotlinepulse.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CdrTimesUnitTest {

    @ParameterizedTest
    @CsvSource({
            "2026-10-12T09:03:11+08:00,        2026-10-12T01:03:11Z",
            "2026-10-12T01:03:11Z,             2026-10-12T01:03:11Z",
            "2026-10-11T20:03:11-05:00,        2026-10-12T01:03:11Z",
            "2026-10-12T09:03:11.5+08:00,      2026-10-12T01:03:11.500Z",
            "2026-10-12T09:03:11.25+08:00,     2026-10-12T01:03:11.250Z",
            "2026-10-12T09:03:11.123+08:00,    2026-10-12T01:03:11.123Z",
            "2026-10-12T09:03:11.123999+08:00, 2026-10-12T01:03:11.123Z",
            "2026-10-12T09:03:11.999999999Z,   2026-10-12T09:03:11.999Z",
            "2024-02-29T00:00:00+14:00,        2024-02-28T10:00:00Z",
            "2026-10-12T09:03+08:00,           2026-10-12T01:03:00Z",
            "2026-10-12T09:03:11+08:00:00,     2026-10-12T01:03:11Z",
            "1969-12-31T23:59:59.9999Z,        1969-12-31T23:59:59.999Z",
    })
    void parsesIsoWithAnOffsetTruncatingBelowTheMillisecond(String text, String expected) {
        assertThat(Instant.ofEpochMilli(CdrTimes.parseIso(text))).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-10-12 25:00:00", "2026-10-12T09:03:11", "2026-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z", "2026-10-12T24:00:00Z", "2026-10-12T09:60:00Z", "2026-10-12T09:03:60Z",
            "2026-10-12T09:03:11+0800", "2026-10-12T09:03:11 +08:00",
            "2026-10-12T09:03:11+19:00", "yesterday", "", "2026-10-12T09:03:11Zjunk"})
    void rejectsOtherText(String text) {
        assertThatThrownBy(() -> CdrTimes.parseIso(text)).isInstanceOf(DateTimeException.class);
    }

    @Test
    void theFastPathAgreesWithJavaTime() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            long millis = random.nextLong() % 4_102_444_800_000L;
            int offsetMinutes = (random.nextInt(28 * 60 + 1) - 14 * 60) / 15 * 15;
            OffsetDateTime time = Instant.ofEpochMilli(millis)
                    .atOffset(java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
            String text = time.toString();
            if (text.length() < 20) {
                continue;
            }
            assertThat(CdrTimes.parseIso(text)).as(text).isEqualTo(millis);
        }
    }

    @Test
    void recognisesALocalTimeWithoutOffset() {
        assertThat(CdrTimes.isLocalDateTime("2026-10-12T09:03:11")).isTrue();
        assertThat(CdrTimes.isLocalDateTime("2026-10-12 09:03:11")).isFalse();
    }

    @Test
    void formatsUtcWithMillisecondsOnlyWhenNonZero() {
        assertThat(CdrTimes.format(Instant.parse("2026-10-12T01:03:11Z"))).isEqualTo("2026-10-12T01:03:11Z");
        assertThat(CdrTimes.format(Instant.parse("2026-10-12T01:03:11.250Z")))
                .isEqualTo("2026-10-12T01:03:11.250Z");
        assertThat(CdrTimes.format(Instant.parse("2026-10-12T01:03:11.000999Z")))
                .isEqualTo("2026-10-12T01:03:11Z");
        assertThat(CdrTimes.format(Instant.parse("2026-10-12T01:03:11.123456Z").truncatedTo(ChronoUnit.MICROS)))
                .isEqualTo("2026-10-12T01:03:11.123Z");
    }
}
