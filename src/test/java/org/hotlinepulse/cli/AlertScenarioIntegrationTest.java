package org.hotlinepulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A simulated day of the example directory with one fault of each kind on its own line (and the
 * safety-report department's feed dead for an hour), replayed: exactly the episodes the faults
 * explain (FEED_STALE for the dead feed, no SILENT for its lines; SILENT names its line's feed), each starting soon after its fault's onset and ending
 * after its repair. Faults that make probes fail (out of service, busy) also page PROBE_FAILED,
 * as they should: the probes to those lines fail too.
 */
class AlertScenarioIntegrationTest {
    static final Instant DAY = Instant.parse("2026-10-11T16:00:00Z"); // 2026-10-12 00:00 in Shanghai
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How soon after its fault's onset each episode must start: what its rule needs at these
     * lines' rates (40 calls an hour), plus a few minutes for the randomness of arrivals.
     */
    static final Map<String, Duration> DETECTION = Map.of(
            "OUT_OF_SERVICE", Duration.ofMinutes(10),       // 3 failed calls: ~4.5 min
            "CONSTANT_BUSY", Duration.ofMinutes(20),        // 10 attempts in 15 min: ~15 min
            "UNANSWERED", Duration.ofMinutes(25),           // 5 connected in 20 min: ~8 min, fewer calls after 14:00
            "SILENT", Duration.ofMinutes(45),               // 15 calls/h expected: 10 expected after 40 min
            "HIGH_ABANDONMENT", Duration.ofMinutes(35),     // 20 connected in 30 min: ~30 min
            "UNKNOWN_LINE", Duration.ofMinutes(15),         // 3 attempts in an hour
            "PROBE_FAILED", Duration.ofMinutes(20),         // 2 probes in a row, one every 10 min
            "FEED_STALE", Duration.ofMinutes(11));          // 10 min after the feed's last CDR

    @TempDir
    Path dir;

    @Test
    void aDayWithOneFaultOfEachKindRaisesExactlyTheirEpisodes() throws Exception {
        Path cdrs = dir.resolve("day.jsonl");
        CliRun simulated = CliRun.run("simulate", "--directory", "examples/directory.yaml",
                "--from", "2026-10-12T00:00+08:00", "--duration", "1d", "--rate", "40",
                "--probe-every", "10m", "--seed", "3", "--to", "jsonl", "--out", cdrs.toString(),
                "--faults", "out-of-service:037167890001@+9h..+10h; busy:037167890002@+9h..+10h; "
                        + "ivr-dead-end:037167890003@+14h..+15h; silent:037168880001@+9h..+12h; "
                        + "high-abandonment:037168880002@+10h..+11h; unregistered:037199990000@+10h..+11h; "
                        + "probe-failed:037168880003@+9h..+10h; feed-down:zz-safety-report@+15h..+16h");
        assertThat(simulated.exitCode()).as(simulated.err()).isZero();
        CliRun replayed = CliRun.run("replay", "--cdr", cdrs.toString(), "--directory",
                "examples/directory.yaml", "--out", dir.resolve("out").toString(), "--parallelism", "2");
        assertThat(replayed.exitCode()).as(replayed.err()).isZero();

        List<JsonNode> episodes = Files.readAllLines(dir.resolve("out/alerts.jsonl")).stream()
                .map(line -> {
                    try {
                        return JSON.readTree(line);
                    } catch (Exception e) {
                        throw new AssertionError(line, e);
                    }
                }).toList();
        assertThat(episodes).extracting(e -> e.get("type").asText() + " " + subject(e))
                .containsExactlyInAnyOrder(
                        "OUT_OF_SERVICE 037167890001", "PROBE_FAILED 037167890001",
                        "CONSTANT_BUSY 037167890002", "PROBE_FAILED 037167890002",
                        "UNANSWERED 037167890003", "SILENT 037168880001",
                        "HIGH_ABANDONMENT 037168880002", "UNKNOWN_LINE 037199990000",
                        "PROBE_FAILED 037168880003", "FEED_STALE pbx-zz-safety-report");

        Map<String, Duration[]> faultSpans = Map.of(
                "037167890001", span(9, 10), "037167890002", span(9, 10), "037167890003", span(14, 15),
                "037168880001", span(9, 12), "037168880002", span(10, 11), "037168880003", span(9, 10),
                "037199990000", span(10, 11), "pbx-zz-safety-report", span(15, 16));
        for (JsonNode episode : episodes) {
            Duration[] fault = faultSpans.get(subject(episode));
            Instant onset = DAY.plus(fault[0]);
            Instant repair = DAY.plus(fault[1]);
            Instant starts = Instant.parse(episode.get("starts_at").asText());
            assertThat(starts).as(episode.toString())
                    .isBetween(onset, onset.plus(DETECTION.get(episode.get("type").asText())));
            if (episode.get("type").asText().equals("UNKNOWN_LINE")) {
                assertThat(episode.get("ends_at").isNull()).as("resolves only after 24 quiet hours").isTrue();
            } else {
                assertThat(Instant.parse(episode.get("ends_at").asText())).as(episode.toString())
                        .isAfter(repair.minus(Duration.ofMinutes(1)));
            }
        }
        assertThat(episodes).filteredOn(e -> e.get("type").asText().equals("UNANSWERED"))
                .singleElement().satisfies(e -> assertThat(e.get("labels").get("mode").asText())
                        .isEqualTo("IVR_DEAD_END"));
        assertThat(episodes).filteredOn(e -> e.get("type").asText().equals("SILENT"))
                .singleElement().satisfies(e -> assertThat(e.get("labels").get("source").asText())
                        .isEqualTo("pbx-zz-medical-insurance"));
    }

    /** What an episode is about: its line, or for FEED_STALE (which has none) its feed. */
    private static String subject(JsonNode episode) {
        return episode.get("line").isNull() ? episode.get("labels").get("source").asText()
                : episode.get("line").asText();
    }

    private static Duration[] span(int fromHour, int toHour) {
        return new Duration[] {Duration.ofHours(fromHour), Duration.ofHours(toHour)};
    }
}
