package org.hotlinepulse.alerts;

import org.hotlinepulse.directory.Directory;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Service time of a feed: the union of its lines' hours (feeds/directory.yaml, UTC+8). */
class FeedClockUnitTest {
    static final long TEN_MINUTES = 600_000;

    private static long at(String localTime) {
        return OffsetDateTime.parse(localTime + "+08:00").toInstant().toEpochMilli();
    }

    private static FeedClock clockOf(String... numbers) throws Exception {
        Directory directory = Directory.load(Path.of("src/test/resources/feeds/directory.yaml"));
        return new FeedClock(List.of(numbers).stream().map(directory::line).toList(), directory);
    }

    @Test
    void tenMinutesOfServiceTimeAfterTheLastCdr() throws Exception {
        assertThat(clockOf("037167890001").due(at("2026-10-12T09:00:00"), TEN_MINUTES))
                .isEqualTo(at("2026-10-12T09:10:00"));
    }

    @Test
    void timeWhenEveryLineOfTheFeedIsClosedDoesNotCount() throws Exception {
        assertThat(clockOf("037167890001", "037167890002").due(at("2026-10-12T11:55:00"), TEN_MINUTES))
                .as("5 minutes before lunch, 5 after it").isEqualTo(at("2026-10-12T14:35:00"));
        assertThat(clockOf("037167890001").due(at("2026-10-16T17:25:00"), TEN_MINUTES))
                .as("Friday evening to Monday morning").isEqualTo(at("2026-10-19T08:35:00"));
    }

    // As SILENT (issue 12, finding 8): FEED_STALE is judged in service hours only.
    @Test
    void staleReachedExactlyAtClosingTimeIsDueWhenServiceResumes() throws Exception {
        assertThat(clockOf("037167890001").due(at("2026-10-12T11:50:00"), TEN_MINUTES))
                .as("the 10th service minute ends at 12:00, lunch").isEqualTo(at("2026-10-12T14:30:00"));
        assertThat(clockOf("037167890001").due(at("2026-10-12T11:49:59"), TEN_MINUTES))
                .isEqualTo(at("2026-10-12T11:59:59"));
    }

    @Test
    void oneLineInServiceIsEnoughForTheFeedToBeExpectedToDeliver() throws Exception {
        assertThat(clockOf("037167890001", "037167890003").due(at("2026-10-12T11:55:00"), TEN_MINUTES))
                .isEqualTo(at("2026-10-12T12:05:00"));
    }

    @Test
    void aFeedThatCarriedNoLineOfTheDirectoryIsNeverStale() throws Exception {
        assertThat(clockOf().due(at("2026-10-12T09:00:00"), TEN_MINUTES)).isEqualTo(FeedClock.NEVER);
    }
}
