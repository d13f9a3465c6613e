package org.hotlinepulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A day replayed in which one of two PBX feeds delivers nothing for an hour: one FEED_STALE
 * for that feed from ten minutes after its last CDR until its next one, and no SILENT for the two
 * busy lines it carries, although each would be silent on its own; the other feed's line is fine.
 */
class FeedStaleIntegrationTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aDeadFeedPagesOnceInsteadOfOncePerLine() throws Exception {
        // A whole day, a call every 10 s (docs/metrics.md: what was seen under load with small inputs).
        List<String> cdrs = new ArrayList<>();
        int slot = 0;
        for (LocalTime t = LocalTime.of(6, 0); t.isBefore(LocalTime.of(18, 0)); t = t.plusSeconds(10), slot++) {
            boolean pbxADown = !t.isBefore(LocalTime.of(9, 30)) && t.isBefore(LocalTime.of(10, 30));
            if (!pbxADown) {
                cdrs.add(answered(slot % 2 == 0 ? "037167890001" : "037167890002", t, "pbx-a"));
            }
            cdrs.add(answered("037167890003", t, "pbx-b"));
        }
        Path file = Files.write(dir.resolve("morning.jsonl"), cdrs);
        CliRun replayed = CliRun.run("replay", "--cdr", file.toString(), "--directory",
                "src/test/resources/feeds/directory.yaml", "--out", dir.resolve("out").toString(),
                "--parallelism", "2");
        assertThat(replayed.exitCode()).as(replayed.err()).isZero();

        List<JsonNode> episodes = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("out/alerts.jsonl"))) {
            episodes.add(JSON.readTree(line));
        }
        assertThat(episodes).singleElement().satisfies(e -> {
            assertThat(e.get("type").asText()).isEqualTo("FEED_STALE");
            assertThat(e.get("line").isNull()).isTrue();
            assertThat(e.get("labels").get("source").asText()).isEqualTo("pbx-a");
            assertThat(e.get("starts_at").asText()).isEqualTo("2026-10-12T01:39:50Z");
            assertThat(e.get("ends_at").asText()).isEqualTo("2026-10-12T02:30:00Z");
        });
    }

    private static String answered(String line, LocalTime t, String source) {
        return "{\"call_id\":\"" + source + "-" + line + "-" + at(t) + "\",\"line\":\"" + line
                + "\",\"source\":\"" + source + "\",\"start_time\":\"" + at(t) + "\",\"answer_time\":\""
                + at(t.plusSeconds(2)) + "\",\"end_time\":\"" + at(t.plusSeconds(8)) + "\",\"outcome\":\"ANSWERED\"}";
    }

    private static String at(LocalTime t) {
        return "2026-10-12T" + t.format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "+08:00";
    }
}
