package org.hotlinepulse.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.cdr.CdrReader;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.cdr.asterisk.LiveAsteriskCalls;
import org.hotlinepulse.cdr.asterisk.ResumePoint;

/**
 * {@code ingest --follow}: keeps reading files a PBX is still writing, through log rotation. After each piece read,
 * its records and the positions to resume from are committed together (one Kafka transaction with
 * {@link IngestOutput#commit}), then written to the state file, so that a restart, even after a kill, neither skips
 * nor repeats records (docs/ingest.md). Line formats are read piece by piece; an Asterisk Master.csv is followed
 * with its queue_log files, calls joined as both arrive.
 */
public final class Follow {

    private final IngestOutput output;
    private final FollowState state;
    private final RecordPump pump;
    private final Round round;

    /** One pass over the followed files; true when anything was read. */
    private interface Round {
        boolean poll() throws IOException;
    }

    /** @throws IllegalArgumentException as {@link #requireFollowable} */
    public Follow(CdrFormat format, CallerPseudonymiser pseudonymiser, CdrInputOptions pbx, IngestOutput output,
                  List<Path> files, FollowState state, PrintStream errors) throws IOException {
        this(format, pseudonymiser, pbx, output, files, state, errors, Clock.systemUTC());
    }

    Follow(CdrFormat format, CallerPseudonymiser pseudonymiser, CdrInputOptions pbx, IngestOutput output,
           List<Path> files, FollowState state, PrintStream errors, Clock clock) throws IOException {
        requireFollowable(format, files);
        this.output = output;
        this.state = state;
        this.pump = new RecordPump(output, errors);
        this.round = format == CdrFormat.ASTERISK_CSV
                ? new AsteriskRound(files.get(0), pseudonymiser, pbx, errors, clock)
                : new LineRound(format, pseudonymiser, pbx, files, errors);
    }

    /**
     * @throws IllegalArgumentException when the format cannot be followed (Avro, mapped CSV), or when an Asterisk
     *     follow names other than one Master.csv
     */
    public static void requireFollowable(CdrFormat format, List<Path> files) {
        if (format == CdrFormat.ASTERISK_CSV) {
            if (files.size() != 1) {
                throw new IllegalArgumentException("--follow with asterisk-csv reads one Master.csv (and its "
                        + "--queue-log files), not " + files.size() + " files");
            }
        } else if (!StreamReaders.isLineFormat(format)) {
            throw new IllegalArgumentException("--follow reads jsonl, freeswitch-csv, freeswitch-json and "
                    + "asterisk-csv files, not " + format.cliName());
        }
    }

    /** Reads what every file gained since the last call; true when anything was read. */
    public boolean pollOnce() throws IOException {
        return round.poll();
    }

    /** Polls until {@code stop} is set, pausing {@code idleMillis} whenever nothing was new. */
    public void run(AtomicBoolean stop, long idleMillis) throws IOException, InterruptedException {
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

    private void commit(Map<Path, FilePosition> positions) throws IOException {
        byte[] document = state.next(positions);
        output.commit(document);
        state.save(document);
    }

    /** Line formats: each piece of complete lines is parsed on its own and committed with its file's position. */
    private final class LineRound implements Round {
        private final List<FileFollower> followers = new ArrayList<>();
        private final FileFollower.Pieces pieces;

        LineRound(CdrFormat format, CallerPseudonymiser pseudonymiser, CdrInputOptions pbx, List<Path> files,
                  PrintStream errors) {
            this.pieces = new FileFollower.Pieces() {
                @Override
                public void lines(byte[] completeLines, String origin, long offset, long linesBefore)
                        throws IOException {
                    try (CdrReader reader = StreamReaders.open(format, new ByteArrayInputStream(completeLines),
                            origin, pseudonymiser, pbx)) {
                        pump.pump(reader, linesBefore);
                    }
                }

                @Override
                public void fileEnded() {}
            };
            for (Path file : files) {
                followers.add(new FileFollower(file, state.get(file), errors));
            }
        }

        @Override
        public boolean poll() throws IOException {
            boolean progress = false;
            for (FileFollower follower : followers) {
                while (follower.readPiece(pieces)) {
                    progress = true;
                    commit(positionOf(follower));
                }
            }
            return progress;
        }
    }

    /**
     * Asterisk: the queue_log files are read before Master.csv, so that a call's queue events are there when its
     * record is; records and rejections come out as calls are joined, and positions resume before what is held.
     */
    private final class AsteriskRound implements Round {
        private final FileFollower master;
        private final List<FileFollower> queueLogs = new ArrayList<>();
        private final LiveAsteriskCalls calls;
        private final CdrReader records;
        private final FileFollower.Pieces masterPieces;
        private final List<FileFollower.Pieces> queuePieces = new ArrayList<>();
        private Map<Path, FilePosition> lastCommitted = Map.of();

        AsteriskRound(Path masterCsv, CallerPseudonymiser pseudonymiser, CdrInputOptions pbx, PrintStream errors,
                      Clock clock) throws IOException {
            FilePosition masterAt = state.get(masterCsv);
            this.master = new FileFollower(masterCsv, masterAt, errors);
            long[] queueReadTo = new long[pbx.queueLogs().size()];
            for (int i = 0; i < queueReadTo.length; i++) {
                Path queueLog = Path.of(pbx.queueLogs().get(i));
                FilePosition at = state.get(queueLog);
                queueLogs.add(new FileFollower(queueLog, at, errors));
                queueReadTo[i] = at == null ? 0 : at.readTo();
            }
            this.calls = new LiveAsteriskCalls(masterCsv.getFileName().toString(), pseudonymiser, pbx, clock,
                    masterAt == null ? null : new ResumePoint(masterAt.offset(), masterAt.lines(), masterAt.pending()),
                    masterAt == null ? 0 : masterAt.readTo(), queueReadTo);
            this.masterPieces = new FileFollower.Pieces() {
                @Override
                public void lines(byte[] completeLines, String origin, long offset, long linesBefore)
                        throws IOException {
                    calls.masterLines(completeLines, offset, linesBefore);
                }

                @Override
                public void fileEnded() {
                    calls.masterFileEnded();
                }
            };
            for (int i = 0; i < queueReadTo.length; i++) {
                int file = i;
                queuePieces.add(new FileFollower.Pieces() {
                    @Override
                    public void lines(byte[] completeLines, String origin, long offset, long linesBefore)
                            throws IOException {
                        calls.queueLines(file, completeLines, origin, offset, linesBefore);
                    }

                    @Override
                    public void fileEnded() {
                        calls.queueFileEnded(file);
                    }
                });
            }
            this.records = new CdrReader() {
                @Override
                public InputRecord next() {
                    return calls.poll();
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public boolean poll() throws IOException {
            boolean progress = readQueueLogs();
            while (master.readPiece(masterPieces)) {
                progress = true;
                publishAndCommit();
            }
            // Queue events written before the Master.csv records just read, while they were being read.
            progress |= readQueueLogs();
            calls.caughtUp();
            return publishAndCommit() || progress;
        }

        private boolean readQueueLogs() throws IOException {
            boolean progress = false;
            for (int i = 0; i < queueLogs.size(); i++) {
                while (queueLogs.get(i).readPiece(queuePieces.get(i))) {
                    progress = true;
                    publishAndCommit();
                }
            }
            return progress;
        }

        /** Publishes what the calls gave out and commits; false when there was nothing to publish. */
        private boolean publishAndCommit() throws IOException {
            long before = pump.counts().read();
            pump.pump(records, 0);
            Map<Path, FilePosition> positions = new HashMap<>();
            FilePosition read = master.position();
            if (read != null) {
                ResumePoint resume = calls.masterResume(read.offset(), read.lines());
                positions.put(master.path(), new FilePosition(read.identity(), resume.offset(), resume.lines(),
                        read.offset(), resume.heldBack()));
            }
            for (int i = 0; i < queueLogs.size(); i++) {
                FilePosition at = queueLogs.get(i).position();
                if (at != null) {
                    ResumePoint resume = calls.queueResume(i, at.offset(), at.lines());
                    positions.put(queueLogs.get(i).path(),
                            new FilePosition(at.identity(), resume.offset(), resume.lines(), at.offset(), null));
                }
            }
            boolean published = pump.counts().read() > before;
            if (published || !positions.equals(lastCommitted)) {
                commit(positions);
                lastCommitted = positions;
            }
            return published;
        }
    }

    private static Map<Path, FilePosition> positionOf(FileFollower follower) {
        return follower.position() == null ? Map.of() : Map.of(follower.path(), follower.position());
    }
}
