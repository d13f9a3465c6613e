package org.hotlinepulse.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.directory.Directory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole job over a generated scenario on a MiniCluster, checked row by row. */
class ReplayIntegrationTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path dir;

    static ReplayScenario scenario;
    static ReplaySummary summary;
    static Path out;

    @BeforeAll
    static void replayScenario() throws Exception {
        scenario = new ReplayScenario(20261012L, 3_000);
        Path cdrs = dir.resolve("cdrs.jsonl");
        Files.write(cdrs, scenario.fileLines, StandardCharsets.UTF_8);
        Path directoryFile = dir.resolve("directory.yaml");
        Files.writeString(directoryFile, scenario.directoryYaml(), StandardCharsets.UTF_8);
        out = dir.resolve("out");
        summary = new Replay(JobConfig.DEFAULTS, Directory.load(directoryFile), List.of(cdrs),
                CdrFormat.JSONL, new CallerPseudonymiser("test-key".getBytes(StandardCharsets.UTF_8)),
                out, 2).run();
    }

    @Test
    void everyMetricsRowEqualsTheIndependentlyComputedOne() throws Exception {
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"), StandardCharsets.UTF_8);
        Map<String, List<String>> actual = new HashMap<>();
        for (String line : csv.subList(1, csv.size())) {
            List<String> fields = Arrays.asList(line.split(",", -1));
            String key = fields.get(0) + "|" + fields.get(1) + "|"
                    + java.time.Instant.parse(fields.get(2)).toEpochMilli() + "|" + fields.get(3);
            assertThat(actual.put(key, fields)).as("one row per (scope, key, window): " + key).isNull();
        }
        Map<String, List<String>> expected = scenario.expectedRows();
        assertThat(expected).hasSizeGreaterThan(3_000);
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((key, row) -> assertThat(actual.get(key)).as(key).isEqualTo(row));
        assertThat(expected.values()).as("rows carrying probe counts")
                .filteredOn(row -> !row.get(row.size() - 2).equals("0")).hasSizeGreaterThan(100);
        assertThat(scenario.expected.values()).as("windows with probe calls only, which make no row")
                .filteredOn(n -> n[0] == 0 && n[16] > 0).isNotEmpty();
    }

    @Test
    void theSummaryCountsWhatHappenedToEachRecord() {
        assertThat(summary.read()).isEqualTo(scenario.records);
        assertThat(summary.rejected()).isEqualTo(scenario.rejectedLineNos.size()).isEqualTo(14);
        assertThat(summary.duplicate()).isEqualTo(scenario.duplicates).isGreaterThanOrEqualTo(30);
        assertThat(summary.late()).isEqualTo(scenario.lateLineNos.size()).isEqualTo(5);
        assertThat(summary.unknownLine()).isEqualTo(scenario.unknown).isPositive();
        assertThat(summary.metricsRows()).isEqualTo(scenario.expectedRows().size());
    }

    @Test
    void rejectedAndLateRecordsNameTheirFileLineAndReason() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rejected = readJsonLines(json, out.resolve("rejected.jsonl"));
        assertThat(rejected).extracting(r -> r.get("line_no").asLong())
                .containsExactlyInAnyOrderElementsOf(scenario.rejectedLineNos);
        assertThat(rejected).allSatisfy(r -> {
            assertThat(r.get("source").asText()).isEqualTo("cdrs.jsonl");
            assertThat(r.get("reason").asText()).isNotBlank();
            assertThat(r.has("record")).isTrue();
        });
        List<JsonNode> late = readJsonLines(json, out.resolve("late.jsonl"));
        assertThat(late).extracting(r -> r.get("line_no").asLong())
                .containsExactlyInAnyOrderElementsOf(scenario.lateLineNos);
        assertThat(late).allSatisfy(r ->
                assertThat(r.get("record").get("call_id").asText()).startsWith("past-lateness-"));
        // The scenario's random traffic raises some alerts; each line is one episode (contract §7).
        assertThat(readJsonLines(json, out.resolve("alerts.jsonl"))).allSatisfy(a -> {
            assertThat(a.get("id").asText()).matches("[0-9a-f]{32}");
            assertThat(a.has("ends_at")).isTrue();
        }).extracting(a -> a.get("id").asText()).doesNotHaveDuplicates();
    }

    @Test
    void noRawCallerNumberReachesAnyOutput() throws Exception {
        try (var files = Files.list(out)) {
            for (Path file : files.collect(Collectors.toList())) {
                assertThat(Files.readString(file)).as(file.getFileName().toString())
                        .doesNotContain(ReplayScenario.RAW_CALLER_PREFIX);
            }
        }
    }

    private static List<JsonNode> readJsonLines(ObjectMapper json, Path file) throws Exception {
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            nodes.add(json.readTree(line));
        }
        return nodes;
    }
}
