package org.hotlinepulse.metrics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A line's window bookkeeping just before, at and after each threshold: 5 min allowed lateness, a day's duplicate horizon. */
class WindowBookUnitTest {
    static final long MINUTE = 60_000;
    static final long LATENESS = 5 * MINUTE;
    static final long HORIZON = 86_400_000;
    static final WindowBook BOOK = new WindowBook(Duration.ofMillis(LATENESS), Duration.ofMillis(HORIZON));

    private static long at(String utc) {
        return Instant.parse(utc).toEpochMilli();
    }

    @Test
    void aCdrCountsInTheMinuteItStarted() {
        assertThat(WindowBook.minuteOf(at("2026-10-12T12:00:00Z"))).isEqualTo(at("2026-10-12T12:00:00Z"));
        assertThat(WindowBook.minuteOf(at("2026-10-12T12:00:59.999Z"))).isEqualTo(at("2026-10-12T12:00:00Z"));
        assertThat(WindowBook.minuteOf(at("2026-10-12T12:01:00Z"))).isEqualTo(at("2026-10-12T12:01:00Z"));
    }

    @Test
    void aMinuteRollsIntoTheWindowOfEachSizeThatHoldsIt() {
        assertThat(WindowBook.windowOf(at("2026-10-12T12:14:00Z"), 15)).isEqualTo(at("2026-10-12T12:00:00Z"));
        assertThat(WindowBook.windowOf(at("2026-10-12T12:15:00Z"), 15)).isEqualTo(at("2026-10-12T12:15:00Z"));
        assertThat(WindowBook.windowOf(at("2026-10-12T12:59:00Z"), 60)).isEqualTo(at("2026-10-12T12:00:00Z"));
        assertThat(WindowBook.windowOf(at("2026-10-12T12:14:00Z"), 1)).isEqualTo(at("2026-10-12T12:14:00Z"));
    }

    @Test
    void aWindowClosesAtItsLastMillisecond() {
        long start = at("2026-10-12T12:00:00Z");
        long closes = at("2026-10-12T12:14:59.999Z");
        assertThat(WindowBook.closesAt(start, 15)).isEqualTo(closes);
        assertThat(WindowBook.isClosed(start, 15, closes - 1)).isFalse();
        assertThat(WindowBook.isClosed(start, 15, closes)).isTrue();
        assertThat(WindowBook.isClosed(start, 15, closes + 1)).isTrue();
        assertThat(WindowBook.closedBy(closes, 15)).isEqualTo(start);
        assertThat(WindowBook.closedBy(closes, 1)).isEqualTo(at("2026-10-12T12:14:00Z"));
    }

    @Test
    void aCdrIsLateForEveryWindowOnceItsMinutesAllowedLatenessIsOver() {
        long minute = at("2026-10-12T12:00:00Z");
        long over = at("2026-10-12T12:05:59.999Z");
        assertThat(BOOK.isLateForEveryWindow(minute, over - 1)).isFalse();
        assertThat(BOOK.isLateForEveryWindow(minute, over)).isTrue();
        assertThat(BOOK.isLateForEveryWindow(minute, over + 1)).isTrue();
    }

    @Test
    void aWindowIsForgottenOnceItsAllowedLatenessIsOver() {
        long start = at("2026-10-12T12:00:00Z");
        long over = at("2026-10-12T12:19:59.999Z");
        assertThat(BOOK.isPastLateness(start, 15, over - 1)).isFalse();
        assertThat(BOOK.isPastLateness(start, 15, over)).isTrue();
        assertThat(BOOK.isPastLateness(start, 15, over + 1)).isTrue();
    }

    @Test
    void aWindowsCleanupIsTheFirstWholeHourAfterItsAllowedLatenessAndForgetsIt() {
        assertThat(BOOK.cleanupOfWindow(at("2026-10-12T12:54:00Z"), 1)).isEqualTo(at("2026-10-12T13:00:00Z"));
        assertThat(BOOK.cleanupOfWindow(at("2026-10-12T12:55:00Z"), 1)).isEqualTo(at("2026-10-12T14:00:00Z"));
        assertThat(BOOK.cleanupOfWindow(at("2026-10-12T12:45:00Z"), 15)).isEqualTo(at("2026-10-12T14:00:00Z"));
        long start = at("2026-10-12T12:45:00Z");
        assertThat(BOOK.isPastLateness(start, 15, BOOK.cleanupOfWindow(start, 15))).isTrue();
    }

    @Test
    void aCallIdRepeatsWithinTheDuplicateHorizonEitherWay() {
        long start = at("2026-10-12T12:00:00Z");
        assertThat(BOOK.isRepeat(null, start)).isFalse();
        assertThat(BOOK.isRepeat(start, start)).isTrue();
        assertThat(BOOK.isRepeat(start - HORIZON, start)).isTrue();
        assertThat(BOOK.isRepeat(start + HORIZON, start)).isTrue();
        assertThat(BOOK.isRepeat(start - HORIZON - 1, start)).isFalse();
        assertThat(BOOK.isRepeat(start + HORIZON + 1, start)).isFalse();
    }

    @Test
    void aCallIdIsKeptForTheHorizonTheLatenessAndAMinuteThenForgottenAtTheNextWholeHour() {
        long forgettableFrom = at("2026-10-13T12:00:00Z");
        long start = forgettableFrom - HORIZON - LATENESS - MINUTE;
        assertThat(BOOK.isCallForgotten(start - 1, forgettableFrom)).isTrue();
        assertThat(BOOK.isCallForgotten(start, forgettableFrom)).isFalse();
        assertThat(BOOK.cleanupOfCall(start - 1)).isEqualTo(forgettableFrom);
        assertThat(BOOK.cleanupOfCall(start)).isEqualTo(at("2026-10-13T13:00:00Z"));
        assertThat(BOOK.isCallForgotten(start, BOOK.cleanupOfCall(start))).isTrue();
    }
}
