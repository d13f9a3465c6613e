package org.hotlinepulse.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.cdr.CdrReader;
import org.hotlinepulse.cdr.CdrInputOptions;

/**
 * {@code ingest --follow}: keeps reading files a PBX is still writing, through log rotation, and keeps each file's
 * position in a state file that is only moved on once Kafka has acknowledged the records before it, so that a
 * restart neither skips nor repeats records (docs/ingest.md).
 */
public final class Follow {

    private final List<FileFollower> followers = new ArrayList<>();
    private final RecordPump pump;

    /**
     * @throws IllegalArgumentException when the format's records are not lines (Avro files cannot be followed)
     */
    public Follow(CdrFormat format, CallerPseudonymiser pseudonymiser, CdrInputOptions pbx, IngestOutput output,
                  List<Path> files, FollowState state, PrintStream errors) {
        if (!StreamReaders.isLineFormat(format)) {
            throw new IllegalArgumentException("--follow reads formats with one record per line (jsonl, "
                    + "freeswitch-csv, freeswitch-json), not " + format.cliName());
        }
        this.pump = new RecordPump(output, errors);
        FileFollower.ChunkSink sink = (chunk, origin, linesBefore) -> {
            try (CdrReader reader = StreamReaders.open(format, new ByteArrayInputStream(chunk), origin,
                    pseudonymiser, pbx)) {
                pump.pump(reader, linesBefore);
            }
            output.flush();
        };
        for (Path file : files) {
            followers.add(new FileFollower(file, state, sink, errors));
        }
    }

    /** Reads what every file gained since the last call; true when anything was read. */
    public boolean pollOnce() throws IOException {
        boolean progress = false;
        for (FileFollower follower : followers) {
            progress |= follower.poll();
        }
        return progress;
    }

    /** Polls until {@code stop} is set, pausing {@code idleMillis} whenever nothing was new. */
    public void run(AtomicBoolean stop, long idleMillis)
            throws IOException, InterruptedException {
        while (!stop.get()) {
            if (!pollOnce()) {
                Thread.sleep(idleMillis);
            }
        }
    }

    /** The counts so far. */
    public IngestCounts counts() {
        return pump.counts();
    }
}
