package org.hotlinepulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A morning replayed in which one of two PBX feeds delivers nothing for an hour: one FEED_STALE
 * for that feed from ten minutes after its last CDR until its next one, and no SILENT for the two
 * busy lines it carries, although each would be silent on its own; the other feed's line is fine.
 */
class FeedStaleIntegrationTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aDeadFeedPagesOnceInsteadOfOncePerLine() throws Exception {
        List<String> cdrs = new ArrayList<>();
        for (LocalTime t = LocalTime.of(9, 0); t.isBefore(LocalTime.of(11, 30)); t = t.plusMinutes(1)) {
            boolean pbxADown = !t.isBefore(LocalTime.of(9, 30)) && t.isBefore(LocalTime.of(10, 30));
            if (!pbxADown) {
                cdrs.add(answered(t.getMinute() % 2 == 0 ? "037167890001" : "037167890002", t, "pbx-a"));
            }
            if (t.getMinute() % 2 == 0) {
                cdrs.add(answered("037167890003", t, "pbx-b"));
            }
        }
        Path file = Files.write(dir.resolve("morning.jsonl"), cdrs);
        CliRun replayed = CliRun.run("replay", "--cdr", file.toString(), "--directory",
                "src/test/resources/feeds/directory.yaml", "--out", dir.resolve("out").toString());
        assertThat(replayed.exitCode()).as(replayed.err()).isZero();

        List<JsonNode> episodes = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("out/alerts.jsonl"))) {
            episodes.add(JSON.readTree(line));
        }
        assertThat(episodes).singleElement().satisfies(e -> {
            assertThat(e.get("type").asText()).isEqualTo("FEED_STALE");
            assertThat(e.get("line").isNull()).isTrue();
            assertThat(e.get("labels").get("source").asText()).isEqualTo("pbx-a");
            assertThat(e.get("starts_at").asText()).isEqualTo("2026-10-12T01:39:00Z");
            assertThat(e.get("ends_at").asText()).isEqualTo("2026-10-12T02:30:00Z");
        });
    }

    private static String answered(String line, LocalTime t, String source) {
        String start = "2026-10-12T" + t + ":00+08:00";
        String answer = "2026-10-12T" + t + ":10+08:00";
        String end = "2026-10-12T" + t + ":50+08:00";
        return "{\"call_id\":\"" + source + "-" + line + "-" + t + "\",\"line\":\"" + line + "\",\"source\":\"" + source
                + "\",\"start_time\":\"" + start + "\",\"answer_time\":\"" + answer + "\",\"end_time\":\"" + end
                + "\",\"outcome\":\"ANSWERED\"}";
    }
}
