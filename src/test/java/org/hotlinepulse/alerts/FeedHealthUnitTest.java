package org.hotlinepulse.alerts;

import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.Line;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each decision of FEED_STALE just before, at and after its threshold: feeds/directory.yaml
 * (UTC+8), whose two office lines are open 08:30-12:00 and 14:30-17:30 on weekdays.
 */
class FeedHealthUnitTest {
    static final long TEN_MINUTES = 600_000;
    static final long DAY = 86_400_000;
    static final String OFFICE = "037167890001";
    static final FeedHealth UNDECLARED = new FeedHealth(10, List.of());
    static final FeedHealth DECLARED = new FeedHealth(10, List.of("pbx-a"));

    private static Directory directory;

    @BeforeAll
    static void loadDirectory() throws Exception {
        directory = Directory.load(Path.of("src/test/resources/feeds/directory.yaml"));
    }

    private static long at(String localTime) {
        return OffsetDateTime.parse(localTime + "+08:00").toInstant().toEpochMilli();
    }

    @Test
    void everySourceIsWatchedUntilFeedsAreDeclaredThenOnlyThose() {
        assertThat(UNDECLARED.watches("pbx-x")).isTrue();
        assertThat(DECLARED.watches("pbx-a")).isTrue();
        assertThat(DECLARED.watches("pbx-x")).isFalse();
    }

    @Test
    void onlyLinesOfTheDirectoryAreCarriedAndOnlyThoseStillListedCount() {
        assertThat(FeedHealth.carries(directory, OFFICE)).isTrue();
        assertThat(FeedHealth.carries(directory, "037100000000")).isFalse();
        assertThat(FeedHealth.carriedLines(List.of(OFFICE, "037100000000", "037167890003"), directory))
                .extracting(Line::number).containsExactly(OFFICE, "037167890003");
    }

    @Test
    void aCdrIsHeardAtOnceWhenTheWatermarkHasReachedItsStart() {
        long watermark = at("2026-10-12T09:00:00");
        assertThat(FeedHealth.isHeardAtOnce(watermark - 1, watermark)).isTrue();
        assertThat(FeedHealth.isHeardAtOnce(watermark, watermark)).isTrue();
        assertThat(FeedHealth.isHeardAtOnce(watermark + 1, watermark)).isFalse();
    }

    @Test
    void otherwiseItIsHeardAtTheNextWholeSecond() {
        long second = at("2026-10-12T09:00:00");
        assertThat(FeedHealth.heardAtStep(second - 1)).isEqualTo(second);
        assertThat(FeedHealth.heardAtStep(second)).isEqualTo(second + 1_000);
        assertThat(FeedHealth.heardAtStep(second + 999)).isEqualTo(second + 1_000);
    }

    @Test
    void theFirstCheckIsTenMinutesAfterTheLastCdrAndNeverPastTheEndOfTime() {
        long last = at("2026-10-12T09:00:00");
        assertThat(UNDECLARED.firstCheckAt(last)).isEqualTo(last + TEN_MINUTES);
        assertThat(UNDECLARED.firstCheckAt(Long.MAX_VALUE - TEN_MINUTES + 1)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theCheckOnlyEverMovesLater() {
        long next = at("2026-10-12T09:10:00");
        assertThat(FeedHealth.movesCheck(FeedWatch.NONE, next)).isTrue();
        assertThat(FeedHealth.movesCheck(next - 1, next)).isTrue();
        assertThat(FeedHealth.movesCheck(next, next)).isFalse();
        assertThat(FeedHealth.movesCheck(next + 1, next)).isFalse();
        assertThat(FeedHealth.movesCheck(FeedWatch.NONE, Long.MAX_VALUE)).as("never due").isFalse();
    }

    @Test
    void theFeedIsStaleFromTenServiceMinutesAfterItsLastCdr() {
        List<Line> lines = List.of(directory.line(OFFICE));
        long staleAt = UNDECLARED.staleAt(at("2026-10-12T09:00:00"), lines, directory);
        assertThat(staleAt).isEqualTo(at("2026-10-12T09:10:00"));
        assertThat(FeedHealth.isStale(staleAt, staleAt - 1)).isFalse();
        assertThat(FeedHealth.isStale(staleAt, staleAt)).isTrue();
        assertThat(FeedHealth.isStale(staleAt, staleAt + 1)).isTrue();
    }

    @Test
    void aFeedThatCarriedNoLineOfTheDirectoryIsNeverStale() {
        long staleAt = UNDECLARED.staleAt(at("2026-10-12T09:00:00"), List.of(), directory);
        assertThat(staleAt).isEqualTo(FeedClock.NEVER);
        assertThat(FeedHealth.isStale(staleAt, Long.MAX_VALUE)).isFalse();
    }

    @Test
    void anUndeclaredFeedIsForgottenADayAfterItsLastCdr() {
        long last = at("2026-10-12T09:00:00");
        assertThat(UNDECLARED.forgetsAt(last)).isEqualTo(last + DAY);
        assertThat(UNDECLARED.isForgottenAt(last, last + DAY - 1)).isFalse();
        assertThat(UNDECLARED.isForgottenAt(last, last + DAY)).isTrue();
        assertThat(UNDECLARED.isForgottenAt(last, last + DAY + 1)).as("only its own timer forgets it").isFalse();
        assertThat(UNDECLARED.isForgottenAt(FeedWatch.NONE, last + DAY)).as("never heard").isFalse();
    }

    @Test
    void aDeclaredFeedIsNeverForgotten() {
        long last = at("2026-10-12T09:00:00");
        assertThat(DECLARED.forgetsAt(last)).isEqualTo(Long.MAX_VALUE);
        assertThat(DECLARED.isForgottenAt(last, last + DAY)).isFalse();
    }

    @Test
    void theStaleAlertStartsWhenTheFeedWentStaleAndNamesItsSource() {
        long since = at("2026-10-12T09:10:00");
        Alert alert = UNDECLARED.stale("pbx-a", directory, since, at("2026-10-12T09:00:00"), 2);
        assertThat(alert.getType()).isEqualTo(AlertType.FEED_STALE);
        assertThat(alert.getState()).isEqualTo(AlertState.FIRING);
        assertThat(alert.getStartsAt()).isEqualTo(Instant.ofEpochMilli(since));
        assertThat(alert.getEndsAt()).isNull();
        assertThat(alert.getLabels()).containsEntry(LineHealth.SOURCE_LABEL, "pbx-a");
        assertThat(alert.getId()).isEqualTo(EpisodeAlerts.id(AlertType.FEED_STALE, "pbx-a", since));
    }

    @Test
    void aCdrResolvesTheEpisodeWhenHeardButNeverBeforeItStarted() {
        long since = at("2026-10-12T09:10:00");
        assertThat(FeedHealth.resolved("pbx-a", directory, since, since - 1).getEndsAt())
                .isEqualTo(Instant.ofEpochMilli(since));
        assertThat(FeedHealth.resolved("pbx-a", directory, since, since).getEndsAt())
                .isEqualTo(Instant.ofEpochMilli(since));
        Alert resolved = FeedHealth.resolved("pbx-a", directory, since, since + 1);
        assertThat(resolved.getState()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.getEndsAt()).isEqualTo(Instant.ofEpochMilli(since + 1));
        assertThat(resolved.getId()).isEqualTo(EpisodeAlerts.id(AlertType.FEED_STALE, "pbx-a", since));
    }

    @Test
    void forgettingAFeedResolvesItsEpisodeThen() {
        long since = at("2026-10-12T09:10:00");
        Alert resolved = FeedHealth.forgotten("pbx-a", directory, since, since + DAY);
        assertThat(resolved.getState()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.getStartsAt()).isEqualTo(Instant.ofEpochMilli(since));
        assertThat(resolved.getEndsAt()).isEqualTo(Instant.ofEpochMilli(since + DAY));
        assertThat(resolved.getSummary()).contains("24 小时");
    }
}
