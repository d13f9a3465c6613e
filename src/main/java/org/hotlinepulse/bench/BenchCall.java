package org.hotlinepulse.bench;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.cdr.OutcomeDerivation;

/**
 * One simulated call as a PBX would see it: the canonical CDR the simulator drew, the caller's raw number and
 * name (which the PBX formats carry and the readers hash or drop) and the call's sequence number in the file.
 */
record BenchCall(long sequence, Cdr cdr, String caller, String callerName) {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The outcome the simulator drew; it leaves half of them for readers to derive, the PBX formats need it. */
    Outcome outcome() {
        return cdr.getOutcome() != null ? cdr.getOutcome() : OutcomeDerivation.derive(cdr);
    }

    boolean answered() {
        return outcome() == Outcome.ANSWERED && cdr.getAnswerTime() != null;
    }

    boolean queued() {
        return cdr.getQueueTime() != null;
    }

    long startMs() {
        return cdr.getStartTime().toEpochMilli();
    }

    long endMs() {
        return cdr.getEndTime().toEpochMilli();
    }

    /** An instant as a PBX writes it: local time to the second, without an offset. */
    static String local(Instant t, ZoneId zone) {
        return LocalDateTime.ofInstant(t, zone).format(LOCAL);
    }

    static String local(long ms, ZoneId zone) {
        return local(Instant.ofEpochMilli(ms), zone);
    }
}
