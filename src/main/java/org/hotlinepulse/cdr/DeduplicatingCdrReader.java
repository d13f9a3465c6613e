package org.hotlinepulse.cdr;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Passes on the records of another reader except CDRs whose {@code call_id} it has already passed on: a PBX may
 * write the same record twice, and it must count once. The memory of call ids is bounded (the most recent
 * {@link #REMEMBERED} ids) and may be shared by several readers, e.g. a file and its rotated successor.
 */
public final class DeduplicatingCdrReader implements CdrReader {

    /** How many call ids are remembered; a repeat further apart than this is left to the job's de-duplication. */
    public static final int REMEMBERED = 200_000;

    /** The call ids seen so far; not thread-safe. */
    public static final class SeenCallIds {
        private final Map<String, Boolean> ids = new LinkedHashMap<>(1024, 0.75f) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > REMEMBERED;
            }
        };
        private long duplicates;

        /** True the first time an id is offered. */
        boolean firstTime(String callId) {
            if (ids.putIfAbsent(callId, Boolean.TRUE) == null) {
                return true;
            }
            duplicates++;
            return false;
        }

        /** How many records were dropped as repeats. */
        public long duplicates() {
            return duplicates;
        }
    }

    private final CdrReader reader;
    private final SeenCallIds seen;

    public DeduplicatingCdrReader(CdrReader reader, SeenCallIds seen) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.seen = Objects.requireNonNull(seen, "seen");
    }

    @Override
    public InputRecord next() throws IOException {
        InputRecord record;
        do {
            record = reader.next();
        } while (record != null && !record.isRejected() && !seen.firstTime(record.cdr.getCallId()));
        return record;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
