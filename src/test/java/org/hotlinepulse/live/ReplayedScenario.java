package org.hotlinepulse.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hotlinepulse.alerts.AlertBytes;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.AlertState;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.cdr.CdrJson;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.replay.Replay;
import org.hotlinepulse.replay.ReplaySummary;
import org.hotlinepulse.simulate.SimulationSettings;
import org.hotlinepulse.simulate.TrafficSimulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Simulated CDRs and what {@code replay} makes of them (with the default job settings): the
 * expectation a live run of the same CDRs must meet, row for row and episode for episode.
 */
final class ReplayedScenario {
    private static final ObjectMapper JSON = new ObjectMapper();

    final List<Cdr> cdrs;
    final Map<String, String> rows;
    final List<JsonNode> episodes;
    final ReplaySummary summary;

    private ReplayedScenario(List<Cdr> cdrs, Map<String, String> rows, List<JsonNode> episodes, ReplaySummary summary) {
        this.cdrs = cdrs;
        this.rows = rows;
        this.episodes = episodes;
        this.summary = summary;
    }

    /** Simulates {@code settings} over {@code directory} and replays the CDRs in {@code dir}. */
    static ReplayedScenario simulate(Directory directory, SimulationSettings settings, Path dir) throws Exception {
        TrafficSimulator traffic = new TrafficSimulator(directory, settings);
        List<Cdr> cdrs = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        while (traffic.hasNext()) {
            Cdr cdr = traffic.next();
            cdrs.add(cdr);
            lines.add(CdrJson.toJson(cdr));
        }
        Path file = Files.write(dir.resolve("cdrs.jsonl"), lines);
        ReplaySummary summary = new Replay(JobConfig.DEFAULTS, directory, List.of(file), CdrFormat.JSONL,
                new CallerPseudonymiser(new byte[32]), dir.resolve("replay"), 1).run();
        List<JsonNode> episodes = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("replay/alerts.jsonl"))) {
            episodes.add(JSON.readTree(line));
        }
        return new ReplayedScenario(cdrs, MetricRows.ofReplay(dir.resolve("replay/metrics.csv")), episodes,
                summary);
    }

    /**
     * The alert changes of a live run (the messages of its alerts topic) against the replay's episodes: each (id, state) published
     * once; every episode that started before the replay's input ran out is the replay's, with the
     * same end. After that a live job goes on with the wall clock (SILENT and FEED_STALE for feeds
     * that stopped), which a replay by definition never sees.
     */
    void assertEpisodes(List<ConsumerRecord<byte[], byte[]>> alertMessages) throws IOException {
        List<Alert> changes = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> message : alertMessages) {
            changes.add(AlertBytes.decode(message.value()));
        }
        long lastStart = cdrs.stream().mapToLong(c -> c.getStartTime().toEpochMilli()).max().orElseThrow();
        Instant endOfReplay = Instant.ofEpochMilli(lastStart).minus(JobConfig.DEFAULTS.metrics().maxOutOfOrderness());
        Map<String, Alert> firing = new HashMap<>();
        Map<String, Alert> resolved = new HashMap<>();
        for (Alert change : changes) {
            Map<String, Alert> byState = change.getState() == AlertState.FIRING ? firing : resolved;
            assertThat(byState.put(change.getId(), change)).as("%s %s published once", change.getId(),
                    change.getState()).isNull();
        }
        TreeSet<String> live = new TreeSet<>();
        firing.values().stream().filter(a -> !a.getStartsAt().isAfter(endOfReplay))
                .forEach(a -> live.add(describe(a.getType().name(), a.getStartsAt(), a.getId())));
        TreeSet<String> expected = new TreeSet<>();
        episodes.forEach(e -> expected.add(describe(e.get("type").asText(),
                Instant.parse(e.get("starts_at").asText()), e.get("id").asText())));
        assertThat(live).as("episodes that started before the end of the replay's input").isEqualTo(expected);
        for (JsonNode episode : episodes) {
            if (episode.get("ends_at").isTextual()) {
                Alert end = resolved.get(episode.get("id").asText());
                assertThat(end).as("resolution of %s", episode).isNotNull();
                assertThat(end.getEndsAt()).as("end of %s", episode)
                        .isEqualTo(Instant.parse(episode.get("ends_at").asText()));
            }
        }
    }

    private static String describe(String type, Instant startsAt, String id) {
        return type + " " + startsAt + " " + id;
    }
}
