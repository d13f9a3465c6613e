package org.hotlinepulse.cdr.asterisk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.cdr.TextLines;

/**
 * The call events of finished queue_log files, by uniqueid, for the join with Master.csv. The files are read
 * whole when the reader opens (a finished file's other half is "held back until the end of input"); the number
 * of events kept is bounded.
 */
final class QueueLogIndex {

    static final int MAX_LINE_BYTES = 8 * 1024;
    static final int MAX_EVENTS = 2_000_000;

    private final Map<String, List<QueueEvent>> byUniqueid = new HashMap<>();
    private final List<InputRecord> rejections = new ArrayList<>();

    private QueueLogIndex() {}

    /** An index without events, for Master.csv read alone. */
    static QueueLogIndex empty() {
        return new QueueLogIndex();
    }

    /**
     * Reads the files in the order given.
     *
     * @throws IOException when a file cannot be read or holds more than {@value #MAX_EVENTS} call events; the
     *     message names the file
     */
    static QueueLogIndex read(List<Path> files, CallerPseudonymiser pseudonymiser) throws IOException {
        QueueLogIndex index = new QueueLogIndex();
        QueueLogLines parser = new QueueLogLines(pseudonymiser);
        long events = 0;
        for (Path file : files) {
            String origin = file.getFileName().toString();
            try (TextLines lines = new TextLines(Files.newInputStream(file), MAX_LINE_BYTES)) {
                for (TextLines.Line line = lines.next(); line != null; line = lines.next()) {
                    if (!line.isReadable()) {
                        index.rejections.add(InputRecord.rejected(origin, line.number(), line.problem(), "null"));
                        continue;
                    }
                    if (line.text().isBlank()) {
                        continue;
                    }
                    QueueLogLines.Result result;
                    try {
                        result = parser.parse(origin, line.number(), line.text());
                    } catch (RuntimeException e) {
                        result = new QueueLogLines.Result(null, "line could not be read: "
                                + e.getClass().getSimpleName() + " (a bug to report; only this line is lost)", "null");
                    }
                    if (result.reason() != null) {
                        index.rejections.add(
                                InputRecord.rejected(origin, line.number(), result.reason(), result.rawRecord()));
                    } else if (result.event() != null) {
                        if (++events > MAX_EVENTS) {
                            throw new IOException(file + ": more than " + MAX_EVENTS
                                    + " queue call events; replay it in parts (one day of queue_log per run)");
                        }
                        index.byUniqueid.computeIfAbsent(result.event().uniqueid(), k -> new ArrayList<>(4))
                                .add(result.event());
                    }
                }
            }
        }
        return index;
    }

    /** Rejected queue_log lines. */
    List<InputRecord> rejections() {
        return rejections;
    }

    /** Removes and returns the events of these uniqueids, in time order (file order among equal times). */
    List<QueueEvent> take(Collection<String> uniqueids) {
        List<QueueEvent> events = new ArrayList<>();
        for (String id : uniqueids) {
            List<QueueEvent> found = byUniqueid.remove(id);
            if (found != null) {
                events.addAll(found);
            }
        }
        events.sort(Comparator.comparing(QueueEvent::time));
        return events;
    }

    /**
     * Rejections for the calls left over whose first event lies within [from, to] (the span of the Master.csv
     * read): queue events without a CDR. Events outside it belong to other Master.csv files and are not reported.
     */
    List<InputRecord> unmatched(Instant from, Instant to) {
        List<InputRecord> out = new ArrayList<>();
        byUniqueid.values().stream()
                .map(events -> events.stream().min(Comparator.comparing(QueueEvent::time)).orElseThrow())
                .filter(first -> from != null && !first.time().isBefore(from) && !first.time().isAfter(to))
                .sorted(Comparator.comparing(QueueEvent::origin).thenComparing(QueueEvent::lineNumber))
                .forEach(first -> out.add(InputRecord.rejected(first.origin(), first.lineNumber(),
                        "queue_log events of uniqueid " + first.uniqueid() + " ("
                                + byUniqueid.get(first.uniqueid()).stream().map(QueueEvent::event)
                                        .collect(Collectors.joining(", "))
                                + ") match no record of Master.csv: the call has no CDR",
                        "null")));
        byUniqueid.clear();
        return out;
    }
}
