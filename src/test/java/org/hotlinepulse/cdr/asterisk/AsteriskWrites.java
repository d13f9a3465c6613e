package org.hotlinepulse.cdr.asterisk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hotlinepulse.cdr.CsvFields;

/**
 * The hand-checked cases of src/test/resources/asterisk as Asterisk writes them: each channel's Master.csv records
 * together when it hangs up (at their latest end), queue_log events as they happen.
 */
public final class AsteriskWrites {

    /** The cases, in the order of their times. */
    public static final List<String> CASES = List.of("answered-via-queue", "caller-hung-up-in-queue",
            "queue-with-no-agents", "voice-menu-only", "voicemail", "busy", "congestion", "ring-no-answer",
            "queue-timeout", "transfer");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** A line appended to Master.csv ({@code master}) or queue_log at the moment Asterisk writes it. */
    public record Write(Instant at, boolean master, String line) {}

    private AsteriskWrites() {}

    /** Every line of the cases in writing order; at the same second, Master.csv before the queue's last event. */
    public static List<Write> ofTheCases() throws IOException {
        List<Write> writes = new ArrayList<>();
        CsvFields csv = new CsvFields(',', 64);
        for (String name : CASES) {
            Path d = AsteriskTestFiles.caseDir(name);
            Map<String, List<String>> byChannel = new LinkedHashMap<>();
            Map<String, Instant> hangup = new LinkedHashMap<>();
            for (String line : Files.readAllLines(d.resolve("Master.csv"))) {
                String[] f;
                try {
                    f = csv.split(line);
                } catch (CsvFields.Unsplittable e) {
                    throw new IOException(e);
                }
                Instant end = LocalDateTime.parse(f[11], LOCAL).atZone(AsteriskTestFiles.SHANGHAI).toInstant();
                byChannel.computeIfAbsent(f[5], k -> new ArrayList<>()).add(line);
                hangup.merge(f[5], end, (a, b) -> a.isAfter(b) ? a : b);
            }
            byChannel.forEach((channel, lines) ->
                    lines.forEach(l -> writes.add(new Write(hangup.get(channel), true, l))));
            Path queueLog = d.resolve("queue_log");
            if (Files.exists(queueLog)) {
                for (String line : Files.readAllLines(queueLog)) {
                    writes.add(new Write(Instant.ofEpochSecond(Long.parseLong(line.split("\\|")[0])), false, line));
                }
            }
        }
        writes.sort(Comparator.comparing(Write::at).thenComparing(w -> !w.master()));
        return writes;
    }

    /** The text of Master.csv ({@code master}) or queue_log after these writes. */
    public static String file(List<Write> writes, boolean master) {
        StringBuilder text = new StringBuilder();
        writes.stream().filter(w -> w.master() == master).forEach(w -> text.append(w.line()).append('\n'));
        return text.toString();
    }
}
