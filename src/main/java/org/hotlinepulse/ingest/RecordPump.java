package org.hotlinepulse.ingest;

import java.io.IOException;
import java.io.PrintStream;
import org.hotlinepulse.cdr.CdrReader;
import org.hotlinepulse.cdr.DeadLetter;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.cdr.DeduplicatingCdrReader;

/**
 * Moves the records of readers to an {@link IngestOutput}: CDRs published once per call id, rejected records sent
 * with their reason and shown on stderr (the first {@value #SHOWN_REJECTIONS}), everything counted.
 */
final class RecordPump {

    static final int SHOWN_REJECTIONS = 100;

    private final IngestOutput output;
    private final PrintStream errors;
    private final DeduplicatingCdrReader.SeenCallIds seen = new DeduplicatingCdrReader.SeenCallIds();
    private final IngestCounts counts = new IngestCounts();

    RecordPump(IngestOutput output, PrintStream errors) {
        this.output = output;
        this.errors = errors;
    }

    /**
     * Sends every record of the reader (not yet acknowledged: call {@link IngestOutput#flush()}).
     *
     * @param linesBefore added to each record's position, for a reader that starts inside a file
     */
    void pump(CdrReader reader, long linesBefore) throws IOException {
        long duplicatesBefore = seen.duplicates();
        DeduplicatingCdrReader unique = new DeduplicatingCdrReader(reader, seen);
        for (InputRecord r = unique.next(); r != null; r = unique.next()) {
            counts.read++;
            long position = r.position + linesBefore;
            if (r.isRejected()) {
                counts.rejected++;
                output.reject(new DeadLetter(r.origin, position, r.rejectReason, r.rawRecord));
                if (counts.rejected <= SHOWN_REJECTIONS) {
                    errors.println(r.origin + ":" + position + ": " + r.rejectReason);
                } else if (counts.rejected == SHOWN_REJECTIONS + 1) {
                    errors.println("(further rejected records are not shown here; all are in the rejected output)");
                }
            } else {
                output.publish(r.cdr);
                counts.published++;
            }
        }
        long repeats = seen.duplicates() - duplicatesBefore;
        counts.duplicate += repeats;
        counts.read += repeats;
    }

    IngestCounts counts() {
        return counts;
    }
}
