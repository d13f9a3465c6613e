package org.hotlinepulse.metrics;

import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.testing.PojoRoundTrip;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A line's windows of 1 and 15 minutes, 30 minutes' allowed lateness, without Flink. */
class LineLedgerUnitTest {
    private static final long T0 = Instant.parse("2026-10-12T01:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;
    private static final WindowBook BOOK = new WindowBook(Duration.ofMinutes(30), Duration.ofHours(24));

    private final LineLedger ledger = LineLedger.of(new int[] {15});
    private final List<String> sent = new ArrayList<>();
    private final LineLedger.Rows rows = new LineLedger.Rows() {
        @Override
        public void minuteCounts(long minute, Counts counts) {
            sent.add("minute +" + (minute - T0) / MINUTE + " attempts " + counts.attempts);
        }

        @Override
        public void row(long start, int minutes, Counts counts) {
            sent.add(minutes + "m row +" + (start - T0) / MINUTE + " attempts " + counts.attempts);
        }
    };

    private static Cdr call(long start) {
        Instant at = Instant.ofEpochMilli(start);
        return Cdr.newBuilder().setCallId("c" + start).setLine("1").setStartTime(at).setEndTime(at.plusSeconds(30))
                .setOutcome(Outcome.NO_ANSWER).build();
    }

    private void count(long start, long watermark) {
        ledger.closeUpTo(watermark, true, BOOK, rows);
        ledger.count(call(start), WindowBook.minuteOf(start), MetricSettings.DEFAULTS, rows);
    }

    private List<String> sent() {
        List<String> copy = List.copyOf(sent);
        sent.clear();
        return copy;
    }

    @Test
    void windowsCloseInEventTimeOrderAndEachRowGoesOutOnce() {
        count(T0 + 5_000, Long.MIN_VALUE);
        count(T0 + 3 * MINUTE, Long.MIN_VALUE);
        count(T0 + 3 * MINUTE + 1, Long.MIN_VALUE);
        assertThat(ledger.nextDue(BOOK)).isEqualTo(T0 + MINUTE - 1);

        ledger.closeUpTo(T0 + MINUTE - 2, true, BOOK, rows);
        assertThat(sent()).isEmpty();
        ledger.closeUpTo(T0 + 20 * MINUTE, true, BOOK, rows);
        assertThat(sent()).containsExactly(
                "minute +0 attempts 1", "1m row +0 attempts 1",
                "minute +3 attempts 2", "1m row +3 attempts 2",
                "15m row +0 attempts 3");
        ledger.closeUpTo(T0 + 40 * MINUTE, true, BOOK, rows);
        assertThat(sent()).isEmpty();
    }

    @Test
    void aCdrOfAClosedMinuteCorrectsEveryClosedWindowAndSendsItselfToTheDepartment() {
        count(T0, Long.MIN_VALUE);
        ledger.closeUpTo(T0 + 16 * MINUTE, true, BOOK, rows);
        sent.clear();

        count(T0 + 10, T0 + 17 * MINUTE);

        assertThat(sent()).containsExactly("minute +0 attempts 1", "15m row +0 attempts 2", "1m row +0 attempts 2");
    }

    @Test
    void theEndOfABoundedInputClosesEveryWindowOnceAndForgetsEverything() {
        ledger.isRepeat("c1", T0, BOOK);
        count(T0, Long.MIN_VALUE);
        count(T0 + 70 * MINUTE, Long.MIN_VALUE);

        ledger.closeUpTo(Long.MAX_VALUE, true, BOOK, rows);

        assertThat(sent()).containsExactly("minute +0 attempts 1", "1m row +0 attempts 1", "15m row +0 attempts 1",
                "minute +70 attempts 1", "1m row +70 attempts 1", "15m row +60 attempts 1");
        assertThat(ledger.isEmpty()).isTrue();
        assertThat(ledger.nextDue(BOOK)).isEqualTo(LineLedger.NEVER);
    }

    @Test
    void aLineMissingFromTheDirectoryAdvancesButSendsNothing() {
        count(T0, Long.MIN_VALUE);
        ledger.closeUpTo(T0 + 16 * MINUTE, false, BOOK, rows);
        assertThat(sent()).isEmpty();
        assertThat(ledger.passed).isEqualTo(T0 + 16 * MINUTE);
    }

    @Test
    void whatIsPastAllowedLatenessIsForgottenOnTheHourAfterwards() {
        ledger.isRepeat("c1", T0, BOOK);
        count(T0, Long.MIN_VALUE);
        ledger.closeUpTo(T0 + 15 * MINUTE, true, BOOK, rows);
        // The 15-minute window passes its lateness at 01:45, forgotten at the cleanup at 02:00.
        assertThat(ledger.nextDue(BOOK)).isEqualTo(T0 + 60 * MINUTE);
        ledger.closeUpTo(T0 + 60 * MINUTE, true, BOOK, rows);
        assertThat(ledger.series[0].isEmpty()).isTrue();
        assertThat(ledger.series[1].isEmpty()).isTrue();
        assertThat(ledger.isEmpty()).as("the call_id is kept for the duplicate horizon").isFalse();
        assertThat(ledger.nextDue(BOOK)).isEqualTo(BOOK.cleanupOfCall(T0));

        ledger.closeUpTo(BOOK.cleanupOfCall(T0), true, BOOK, rows);
        assertThat(ledger.isEmpty()).isTrue();
        assertThat(ledger.nextDue(BOOK)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theLedgerIsAFlinkPojoThatRoundTripsThroughItsSerializer() throws IOException {
        ledger.isRepeat("c1", T0, BOOK);
        count(T0, Long.MIN_VALUE);
        count(T0 + 20 * MINUTE, T0 + MINUTE);
        sent.clear();

        LineLedger copy = PojoRoundTrip.of(LineLedger.class, ledger);

        assertThat(copy.passed).isEqualTo(T0 + MINUTE);
        assertThat(copy.isRepeat("c1", T0, BOOK)).isTrue();
        copy.closeUpTo(T0 + 40 * MINUTE, true, BOOK, rows);
        assertThat(sent()).containsExactly("15m row +0 attempts 1",
                "minute +20 attempts 1", "1m row +20 attempts 1", "15m row +15 attempts 1");
    }
}
