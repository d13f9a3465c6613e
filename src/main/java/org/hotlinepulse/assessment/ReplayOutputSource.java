package org.hotlinepulse.assessment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import org.hotlinepulse.avro.AlertType;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.metrics.Counts;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A replay's output folder as the source of an assessment (contract §7): the line rows of {@code
 * metrics.csv} (with their probe counts where the file has them) and the episodes of {@code
 * alerts.jsonl} (absent: no alerts), with the directory the replay ran on.
 */
public final class ReplayOutputSource implements AssessmentSource {
    private final Path metricsCsv;
    private final Path alertsJsonl;
    private final Directory directory;

    /** @throws AssessmentInputException when the folder has no metrics.csv */
    public ReplayOutputSource(Path dir, Directory directory) throws AssessmentInputException {
        this.metricsCsv = dir.resolve("metrics.csv");
        this.alertsJsonl = dir.resolve("alerts.jsonl");
        this.directory = directory;
        if (!Files.isRegularFile(metricsCsv)) {
            throw new AssessmentInputException(metricsCsv + ": no such file (is " + dir + " the --out folder of a replay?)");
        }
    }

    @Override
    public String description() {
        return metricsCsv.getParent() + " (metrics.csv" + (Files.exists(alertsJsonl) ? ", alerts.jsonl)" : ")");
    }

    @Override
    public Directory directory() {
        return directory;
    }

    @Override
    public NavigableSet<Integer> lineWindowSizes(Instant from, Instant to) throws AssessmentInputException {
        NavigableSet<Integer> sizes = new TreeSet<>();
        readLineRows(from, to, row -> sizes.add(row.minutes()), false);
        return sizes;
    }

    @Override
    public void lineWindows(Instant from, Instant to, int minutes, Consumer<LineWindow> sink)
            throws AssessmentInputException {
        readLineRows(from, to, row -> {
            if (row.minutes() == minutes) {
                sink.accept(row);
            }
        }, true);
    }

    private void readLineRows(Instant from, Instant to, Consumer<LineWindow> sink, boolean withCounts)
            throws AssessmentInputException {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<String[]> rows = mapper.readerFor(String[].class).readValues(metricsCsv.toFile())) {
            if (!rows.hasNext()) {
                throw new AssessmentInputException(metricsCsv + ": empty, no header line");
            }
            Map<String, Integer> columns = header(rows.next());
            int lineNo = 1;
            while (rows.hasNext()) {
                String[] row = rows.next();
                lineNo++;
                if (row.length == 1 && row[0].isEmpty()) {
                    continue;
                }
                if (!"line".equals(field(row, columns, "scope", lineNo))) {
                    continue;
                }
                Instant start = time(row, columns, "window_start", lineNo);
                if (start.isBefore(from) || !start.isBefore(to)) {
                    continue;
                }
                int minutes = (int) number(row, columns, "window_minutes", lineNo);
                Counts counts = new Counts();
                if (withCounts) {
                    // The probe counts came to metrics.csv later: a folder written before them reads 0.
                    long[] values = new long[Counts.COLUMNS.size()];
                    for (int i = 0; i < values.length; i++) {
                        String name = Counts.COLUMNS.get(i);
                        values[i] = i < Counts.SECTION_4_COLUMNS ? number(row, columns, name, lineNo)
                                : optionalNumber(row, columns, name, lineNo);
                    }
                    counts = Counts.ofColumnValues(values);
                }
                sink.accept(new LineWindow(field(row, columns, "key", lineNo), start, minutes, counts));
            }
        } catch (BadField e) {
            throw new AssessmentInputException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new AssessmentInputException(metricsCsv + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private Map<String, Integer> header(String[] names) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            columns.put(names[i].strip(), i);
        }
        List<String> needed = new ArrayList<>(List.of("scope", "key", "window_start", "window_minutes"));
        needed.addAll(Counts.COLUMNS.subList(0, Counts.SECTION_4_COLUMNS));
        for (String name : needed) {
            if (!columns.containsKey(name)) {
                throw new BadField(metricsCsv + " line 1: the header has no column " + name);
            }
        }
        return columns;
    }

    private String field(String[] row, Map<String, Integer> columns, String name, int lineNo) {
        int at = columns.get(name);
        if (at >= row.length) {
            throw new BadField(metricsCsv + " line " + lineNo + ": field " + name + " is missing");
        }
        return row[at];
    }

    private long number(String[] row, Map<String, Integer> columns, String name, int lineNo) {
        String text = field(row, columns, name, lineNo);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadField(metricsCsv + " line " + lineNo + ": field " + name + " \"" + text + "\" is not a whole number");
        }
    }

    private long optionalNumber(String[] row, Map<String, Integer> columns, String name, int lineNo) {
        return columns.containsKey(name) ? number(row, columns, name, lineNo) : 0;
    }

    private Instant time(String[] row, Map<String, Integer> columns, String name, int lineNo) {
        String text = field(row, columns, name, lineNo);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadField(metricsCsv + " line " + lineNo + ": field " + name + " \"" + text + "\" is not an ISO-8601 UTC time");
        }
    }

    @Override
    public List<AlertEpisode> episodes(Instant from, Instant to) throws AssessmentInputException {
        List<AlertEpisode> episodes = new ArrayList<>();
        if (!Files.exists(alertsJsonl)) {
            return episodes;
        }
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader in = Files.newBufferedReader(alertsJsonl, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                lineNo++;
                if (text.isBlank()) {
                    continue;
                }
                AlertEpisode e = episode(json, text, lineNo);
                if (e.overlaps(from, to)) {
                    episodes.add(e);
                }
            }
        } catch (IOException e) {
            throw new AssessmentInputException(alertsJsonl + ": cannot be read: " + e.getMessage(), e);
        }
        return episodes;
    }

    private AlertEpisode episode(ObjectMapper json, String text, int lineNo) throws AssessmentInputException {
        String field = "id";
        try {
            JsonNode node = json.readTree(text);
            String id = node.get(field).asText();
            field = "type";
            AlertType type = AlertType.valueOf(node.get(field).asText());
            field = "line";
            String line = node.path(field).isTextual() ? node.get(field).asText() : null;
            field = "starts_at";
            Instant startsAt = Instant.parse(node.get(field).asText());
            field = "ends_at";
            Instant endsAt = node.path(field).isTextual() ? Instant.parse(node.get(field).asText()) : null;
            return new AlertEpisode(id, type, line, startsAt, endsAt);
        } catch (IOException | RuntimeException e) {
            throw new AssessmentInputException(alertsJsonl + " line " + lineNo + ": field " + field
                    + " is missing or invalid" + (e.getMessage() == null ? "" : " (" + e.getMessage().lines().findFirst().orElse("") + ")"), e);
        }
    }

    /** A bad field of metrics.csv, carried out of the row callbacks; the message names file, line and field. */
    private static final class BadField extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadField(String message) {
            super(message);
        }
    }
}
