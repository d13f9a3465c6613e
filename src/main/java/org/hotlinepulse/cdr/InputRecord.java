package org.hotlinepulse.cdr;

import org.apache.flink.api.common.typeinfo.TypeInfo;
import java.util.Objects;
import org.hotlinepulse.avro.Cdr;

/**
 * One record read from an input, with where it came from: either a parsed and validated {@link Cdr} or the
 * reason it could not be used. Serialized between operators by {@link InputRecordCodec}.
 */
@TypeInfo(InputRecordCodec.class)
public class InputRecord {

    /** Input name, e.g. the file name "cdr-2026-10-12.jsonl". */
    public String origin;
    /** 1-based line number (JSON Lines) or record number (Avro and wire files). */
    public long position;
    /** The CDR, valid and with its outcome set; null when rejected. */
    public Cdr cdr;
    /** Why the record was rejected, naming the field; null when parsed. */
    public String rejectReason;
    /**
     * When rejected: the record as JSON text (an object, a JSON string literal of the raw text, or {@code null}
     * when nothing could be decoded), caller numbers already pseudonymised; null when parsed.
     */
    public String rawRecord;
    /** When rejected from a binary input (Kafka): the bytes as they arrived, for the dead-letter topic. */
    public byte[] payload;

    /** For {@link InputRecordCodec}; use {@link #parsed} or {@link #rejected}. */
    public InputRecord() {}

    /** A record that became a valid CDR. */
    public static InputRecord parsed(String origin, long position, Cdr cdr) {
        InputRecord r = new InputRecord();
        r.origin = origin;
        r.position = position;
        r.cdr = Objects.requireNonNull(cdr, "cdr");
        return r;
    }

    /** A record that could not be used; rawRecordJson must already be free of raw caller numbers. */
    public static InputRecord rejected(String origin, long position, String reason, String rawRecordJson) {
        InputRecord r = new InputRecord();
        r.origin = origin;
        r.position = position;
        r.rejectReason = Objects.requireNonNull(reason, "reason");
        r.rawRecord = rawRecordJson;
        return r;
    }

    /** True when this record carries a reject reason instead of a CDR. */
    public boolean isRejected() {
        return rejectReason != null;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof InputRecord)) {
            return false;
        }
        InputRecord that = (InputRecord) o;
        return position == that.position && Objects.equals(origin, that.origin) && Objects.equals(cdr, that.cdr)
                && Objects.equals(rejectReason, that.rejectReason) && Objects.equals(rawRecord, that.rawRecord);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, position, cdr, rejectReason, rawRecord);
    }

    @Override
    public String toString() {
        String where = origin + ":" + position;
        return isRejected() ? "rejected " + where + ": " + rejectReason + " " + rawRecord : where + " " + cdr;
    }
}
