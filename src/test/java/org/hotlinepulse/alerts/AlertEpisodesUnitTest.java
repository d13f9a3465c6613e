package org.hotlinepulse.alerts;

import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertEpisodesUnitTest {

    private final Alert early = AlertFixtures.firing("ep-b", "037167890001", "2026-10-12T02:00:00Z");
    private final Alert sameStart = AlertFixtures.firing("ep-a", "037167890002", "2026-10-12T02:00:00Z");
    private final Alert late = AlertFixtures.firing("ep-0", "037167890003", "2026-10-12T03:00:00Z");
    private final Alert earlyResolved = AlertFixtures.resolved(early, "2026-10-12T02:30:00Z");

    @Test
    void oneRecordPerEpisodeResolvedWinsInAnyOrderSortedByStartThenId() {
        List<Alert> episodes = AlertEpisodes.collapse(
                List.of(late, early, earlyResolved, sameStart, early, late));

        assertThat(episodes).extracting(Alert::getId).containsExactly("ep-a", "ep-b", "ep-0");
        assertThat(episodes.get(1).getState()).isEqualTo(AlertState.RESOLVED);
        assertThat(episodes.get(1).getEndsAt()).isEqualTo(Instant.parse("2026-10-12T02:30:00Z"));
        assertThat(episodes.get(0).getEndsAt()).isNull();
        assertThat(episodes.get(2).getEndsAt()).isNull();
    }

    @Test
    void changelogFileBecomesOneLinePerEpisode(@TempDir Path dir) throws Exception {
        Path changelog = dir.resolve("changes.jsonl");
        Files.write(changelog, List.of(AlertJson.changeLine(early), AlertJson.changeLine(late), "",
                AlertJson.changeLine(earlyResolved)), StandardCharsets.UTF_8);
        Path alerts = dir.resolve("alerts.jsonl");

        AlertEpisodes.collapse(changelog, alerts);

        assertThat(Files.readAllLines(alerts, StandardCharsets.UTF_8)).containsExactly(
                AlertJson.episodeLine(earlyResolved), AlertJson.episodeLine(late));
    }

    @Test
    void anEmptyChangelogGivesAnEmptyFile(@TempDir Path dir) throws Exception {
        Path changelog = Files.writeString(dir.resolve("changes.jsonl"), "");
        AlertEpisodes.collapse(changelog, dir.resolve("alerts.jsonl"));
        assertThat(dir.resolve("alerts.jsonl")).isEmptyFile();
    }

    @Test
    void aBrokenLineIsNamedByFileAndLine(@TempDir Path dir) throws Exception {
        Path changelog = dir.resolve("changes.jsonl");
        Files.write(changelog, List.of(AlertJson.changeLine(early), "not json"), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> AlertEpisodes.collapse(changelog, dir.resolve("alerts.jsonl")))
                .hasMessageStartingWith(changelog + ":2: ");
    }
}
