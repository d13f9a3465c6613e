package org.hotlinepulse.metrics;

import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CountsUnitTest {
    private static final Instant T0 = Instant.parse("2026-10-12T01:00:00Z");
    private static final MetricSettings SETTINGS = MetricSettings.DEFAULTS;

    static Cdr.Builder call(Outcome outcome) {
        return Cdr.newBuilder().setCallId("c1").setLine("037167890001").setStartTime(T0)
                .setEndTime(T0.plusSeconds(300)).setOutcome(outcome);
    }

    @Test
    void answeredCallCountsWaitFromQueueTimeAndTalkFromAnswer() {
        Cdr cdr = call(Outcome.ANSWERED).setQueueTime(T0.plusSeconds(30))
                .setAnswerTime(T0.plusSeconds(42)).build();
        Counts c = Counts.ofCall(cdr, SETTINGS);
        assertThat(c.attempts).isEqualTo(1);
        assertThat(c.connected).isEqualTo(1);
        assertThat(c.answered).isEqualTo(1);
        assertThat(c.waitMsSum).isEqualTo(12_000);
        assertThat(c.talkMsSum).isEqualTo(258_000);
        assertThat(c.answeredWithinSl).isEqualTo(1);
    }

    @Test
    void aSumThatWouldOverflowFailsInsteadOfTurningNegative() {
        // Three ANSWERED calls ending near 4.6e18 ms once made talk_ms_sum negative. Readers now
        // refuse such times; should one ever get past them, the sum must not wrap silently.
        Instant answer = Instant.ofEpochMilli(0);
        Instant end = Instant.ofEpochMilli(4_600_000_000_000_000_000L);
        Cdr huge = call(Outcome.ANSWERED).setStartTime(answer).setAnswerTime(answer).setEndTime(end).build();
        Counts c = Counts.ofCall(huge, SETTINGS);
        c.addCall(huge, SETTINGS);
        assertThatThrownBy(() -> c.addCall(huge, SETTINGS)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> c.add(c)).isInstanceOf(ArithmeticException.class);
        assertThat(c.talkMsSum).isPositive();
    }

    @Test
    void waitRunsFromStartTimeWithoutQueueTime() {
        Cdr cdr = call(Outcome.ANSWERED).setAnswerTime(T0.plusSeconds(42)).build();
        assertThat(Counts.ofCall(cdr, SETTINGS).waitMsSum).isEqualTo(42_000);
    }

    @Test
    void serviceLevelIncludesAWaitOfExactlyTheThreshold() {
        Cdr atThreshold = call(Outcome.ANSWERED).setAnswerTime(T0.plusSeconds(20)).build();
        Cdr justOver = call(Outcome.ANSWERED).setAnswerTime(T0.plusMillis(20_001)).build();
        assertThat(Counts.ofCall(atThreshold, SETTINGS).answeredWithinSl).isEqualTo(1);
        assertThat(Counts.ofCall(justOver, SETTINGS).answeredWithinSl).isZero();
    }

    @Test
    void shortAbandonIsAWaitBelowTheThresholdToEndTime() {
        Cdr justUnder = call(Outcome.ABANDONED).setQueueTime(T0.plusSeconds(10))
                .setEndTime(T0.plusMillis(14_999)).build();
        Cdr atThreshold = call(Outcome.ABANDONED).setQueueTime(T0.plusSeconds(10))
                .setEndTime(T0.plusSeconds(15)).build();
        Counts shortOne = Counts.ofCall(justUnder, SETTINGS);
        assertThat(shortOne.abandoned).isEqualTo(1);
        assertThat(shortOne.shortAbandoned).isEqualTo(1);
        assertThat(shortOne.connected).isEqualTo(1);
        assertThat(shortOne.waitMsSum).as("wait is summed over ANSWERED only").isZero();
        assertThat(Counts.ofCall(atThreshold, SETTINGS).shortAbandoned).isZero();
    }

    @Test
    void busyAndFailedDoNotConnectNoAnswerDoes() {
        Counts c = new Counts();
        c.addCall(call(Outcome.BUSY).build(), SETTINGS);
        c.addCall(call(Outcome.FAILED).build(), SETTINGS);
        c.addCall(call(Outcome.NO_ANSWER).build(), SETTINGS);
        assertThat(c.attempts).isEqualTo(3);
        assertThat(c.busy).isEqualTo(1);
        assertThat(c.failed).isEqualTo(1);
        assertThat(c.noAnswer).isEqualTo(1);
        assertThat(c.connected).isEqualTo(1);
        assertThat(c.answered).isZero();
    }

    @Test
    void resolutionIsCountedOverAnsweredCallsThatRecordedIt() {
        Counts c = new Counts();
        c.addCall(call(Outcome.ANSWERED).setAnswerTime(T0).setResolved(true).build(), SETTINGS);
        c.addCall(call(Outcome.ANSWERED).setAnswerTime(T0).setResolved(false).build(), SETTINGS);
        c.addCall(call(Outcome.ANSWERED).setAnswerTime(T0).build(), SETTINGS);
        assertThat(c.resolvedKnown).isEqualTo(2);
        assertThat(c.resolved).isEqualTo(1);
    }

    @Test
    void satisfactionCountsEveryScoredCallAndScoresOfFourOrMoreAsSatisfied() {
        Counts c = new Counts();
        for (int score : new int[] {3, 4, 5}) {
            c.addCall(call(Outcome.ANSWERED).setAnswerTime(T0).setSatisfaction(score).build(), SETTINGS);
        }
        c.addCall(call(Outcome.ABANDONED).setSatisfaction(1).build(), SETTINGS);
        assertThat(c.satisfactionCount).isEqualTo(4);
        assertThat(c.satisfactionSum).isEqualTo(13);
        assertThat(c.satisfied).isEqualTo(2);
    }

    @Test
    void probesCountOnlyAsProbesConnectedWhenTheyGotThrough() {
        Counts c = new Counts();
        for (Outcome outcome : Outcome.values()) {
            Cdr.Builder probe = call(outcome).setProbe(true).setSatisfaction(5).setResolved(true);
            if (outcome == Outcome.ANSWERED) {
                probe.setAnswerTime(T0);
            }
            c.addRecord(probe.build(), SETTINGS);
        }
        assertThat(c.probeAttempts).isEqualTo(5);
        assertThat(c.probeConnected).as("ANSWERED, ABANDONED, NO_ANSWER").isEqualTo(3);
        Counts onlyProbes = new Counts();
        onlyProbes.probeAttempts = 5;
        onlyProbes.probeConnected = 3;
        assertThat(c).as("no §4 count moves").isEqualTo(onlyProbes);
        assertThat(c.makesRow()).isFalse();
        c.addRecord(call(Outcome.BUSY).build(), SETTINGS);
        assertThat(c.makesRow()).isTrue();
        assertThat(c.attempts).isEqualTo(1);
    }

    @Test
    void addSumsEveryCount() {
        Counts a = Counts.ofCall(call(Outcome.ANSWERED).setAnswerTime(T0.plusSeconds(5))
                .setResolved(true).setSatisfaction(5).build(), SETTINGS);
        Counts b = Counts.ofCall(call(Outcome.ABANDONED).setEndTime(T0.plusSeconds(2)).build(), SETTINGS);
        b.add(Counts.of(call(Outcome.NO_ANSWER).setProbe(true).build(), SETTINGS));
        Counts sum = a.copy();
        sum.add(b);
        Counts expected = new Counts();
        expected.addCall(call(Outcome.ANSWERED).setAnswerTime(T0.plusSeconds(5))
                .setResolved(true).setSatisfaction(5).build(), SETTINGS);
        expected.addCall(call(Outcome.ABANDONED).setEndTime(T0.plusSeconds(2)).build(), SETTINGS);
        expected.addProbe(call(Outcome.NO_ANSWER).setProbe(true).build());
        assertThat(sum).isEqualTo(expected);
        assertThat(sum.probeConnected).isEqualTo(1);
        assertThat(sum.attempts).isEqualTo(2);
        assertThat(a.attempts).as("copy is independent").isEqualTo(1);
    }
}
