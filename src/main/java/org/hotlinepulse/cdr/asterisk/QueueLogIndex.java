package org.hotlinepulse.cdr.asterisk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.cdr.TextLines;

/**
 * The call events of queue_log files by uniqueid, for the join with Master.csv: read whole from finished files
 * (a finished file's other half is "held back until the end of input"), or line by line from files still being
 * written. The number of events kept is bounded.
 */
final class QueueLogIndex {

    static final int MAX_LINE_BYTES = 8 * 1024;
    static final int MAX_EVENTS = 2_000_000;
    /** The events of one uniqueid, and where its first one lies in the file it came from. */
    private static final class Group {
        final List<QueueEvent> events = new ArrayList<>(4);
        int file;
        final long firstOffset;
        final long firstLine;
        final boolean replayed;
        Instant last = Instant.MIN;

        Group(int file, long firstOffset, long firstLine, boolean replayed) {
            this.file = file;
            this.firstOffset = firstOffset;
            this.firstLine = firstLine;
            this.replayed = replayed;
        }
    }

    private final Map<String, Group> byUniqueid = new HashMap<>();
    private final List<InputRecord> rejections = new ArrayList<>();
    private final QueueLogLines parser;
    private long events;

    private QueueLogIndex(CallerPseudonymiser pseudonymiser) {
        this.parser = new QueueLogLines(pseudonymiser);
    }

    /** An index without events, for Master.csv read alone. */
    static QueueLogIndex empty() {
        return new QueueLogIndex(null);
    }

    /** An index filled line by line with {@link #add}. */
    static QueueLogIndex growing(CallerPseudonymiser pseudonymiser) {
        return new QueueLogIndex(pseudonymiser);
    }

    /**
     * Reads the files in the order given.
     *
     * @throws IOException when a file cannot be read or holds more than {@value #MAX_EVENTS} call events; the
     *     message names the file
     */
    static QueueLogIndex read(List<Path> files, CallerPseudonymiser pseudonymiser) throws IOException {
        QueueLogIndex index = new QueueLogIndex(pseudonymiser);
        for (Path file : files) {
            String origin = file.getFileName().toString();
            try (TextLines lines = new TextLines(Files.newInputStream(file), MAX_LINE_BYTES)) {
                for (TextLines.Line line = lines.next(); line != null; line = lines.next()) {
                    InputRecord rejection = index.add(origin, line, 0, -1, false);
                    if (rejection != null) {
                        index.rejections.add(rejection);
                    }
                    if (index.events > MAX_EVENTS) {
                        throw new IOException(file + ": more than " + MAX_EVENTS
                                + " queue call events; replay it in parts (one day of queue_log per run)");
                    }
                }
            }
        }
        return index;
    }

    /**
     * Adds one line's event.
     *
     * @param file which followed queue_log the line is from, for {@link #heldFrom}
     * @param offset the line's byte offset in that file, or -1 for a finished file
     * @param replayed the line was read before a restart: its events are never reported unmatched
     * @return the rejection of a malformed line, or null
     */
    InputRecord add(String origin, TextLines.Line line, int file, long offset, boolean replayed) {
        if (!line.isReadable()) {
            return InputRecord.rejected(origin, line.number(), line.problem(), "null");
        }
        if (line.text().isBlank()) {
            return null;
        }
        QueueLogLines.Result result;
        try {
            result = parser.parse(origin, line.number(), line.text());
        } catch (RuntimeException e) {
            result = new QueueLogLines.Result(null, "line could not be read: " + e.getClass().getSimpleName()
                    + " (a bug to report; only this line is lost)", "null");
        }
        if (result.reason() != null) {
            return InputRecord.rejected(origin, line.number(), result.reason(), result.rawRecord());
        }
        QueueEvent event = result.event();
        if (event != null) {
            events++;
            Group group = byUniqueid.computeIfAbsent(event.uniqueid(), k -> new Group(file, offset, line.number(), replayed));
            group.events.add(event);
            if (event.time().isAfter(group.last)) {
                group.last = event.time();
            }
        }
        return null;
    }

    /** Rejected queue_log lines of finished files. */
    List<InputRecord> rejections() {
        return rejections;
    }

    /** Removes and returns the events of these uniqueids, in time order (file order among equal times). */
    List<QueueEvent> take(Collection<String> uniqueids) {
        List<QueueEvent> found = new ArrayList<>();
        for (String id : uniqueids) {
            Group group = byUniqueid.remove(id);
            if (group != null) {
                found.addAll(group.events);
                events -= group.events.size();
            }
        }
        found.sort(Comparator.comparing(QueueEvent::time));
        return found;
    }

    /** Where the first event still held from a followed file lies, or null when none is held. */
    ResumePoint heldFrom(int file) {
        return byUniqueid.values().stream().filter(g -> g.file == file && g.firstOffset >= 0)
                .min(Comparator.comparingLong(g -> g.firstOffset))
                .map(g -> new ResumePoint(g.firstOffset, g.firstLine - 1, List.of())).orElse(null);
    }

    /** Events held beyond the bound. */
    boolean full() {
        return events > MAX_EVENTS;
    }

    /** Drops the uniqueids with the oldest last events until half the bound is held; returns how many. */
    int evictOldest() {
        List<Map.Entry<String, Group>> oldestFirst = new ArrayList<>(byUniqueid.entrySet());
        oldestFirst.sort(Comparator.comparing(e -> e.getValue().last));
        int dropped = 0;
        for (Map.Entry<String, Group> entry : oldestFirst) {
            if (events <= MAX_EVENTS / 2) {
                break;
            }
            byUniqueid.remove(entry.getKey());
            events -= entry.getValue().events.size();
            dropped++;
        }
        return dropped;
    }

    /** The events of a followed file that was rotated away no longer hold its position. */
    void forgetFile(int file) {
        byUniqueid.values().stream().filter(g -> g.file == file).forEach(g -> g.file = -1);
    }

    /**
     * Rejections for the calls left over whose first event lies within [from, to] (the span of the Master.csv
     * read): queue events without a CDR. Events outside it belong to other Master.csv files and are not reported.
     */
    List<InputRecord> unmatched(Instant from, Instant to) {
        List<InputRecord> out = new ArrayList<>();
        byUniqueid.values().stream()
                .map(group -> group.events.stream().min(Comparator.comparing(QueueEvent::time)).orElseThrow())
                .filter(first -> from != null && !first.time().isBefore(from) && !first.time().isAfter(to))
                .sorted(Comparator.comparing(QueueEvent::origin).thenComparing(QueueEvent::lineNumber))
                .forEach(first -> out.add(unmatched(first.uniqueid(), byUniqueid.get(first.uniqueid()))));
        byUniqueid.clear();
        events = 0;
        return out;
    }

    /**
     * Drops the events of uniqueids whose last event is before {@code before}, returning rejections for those
     * read since the last start: their call's CDR never came (docs/ingest.md).
     */
    List<InputRecord> evictBefore(Instant before) {
        List<InputRecord> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, Group>> it = byUniqueid.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Group> entry = it.next();
            Group group = entry.getValue();
            if (group.last.isBefore(before)) {
                if (!group.replayed) {
                    out.add(unmatched(entry.getKey(), group));
                }
                events -= group.events.size();
                it.remove();
            }
        }
        return out;
    }

    private static InputRecord unmatched(String uniqueid, Group group) {
        QueueEvent first = group.events.stream().min(Comparator.comparing(QueueEvent::time)).orElseThrow();
        return InputRecord.rejected(first.origin(), first.lineNumber(), "queue_log events of uniqueid " + uniqueid
                + " (" + group.events.stream().map(QueueEvent::event).collect(Collectors.joining(", "))
                + ") match no record of Master.csv: the call has no CDR", "null");
    }
}
