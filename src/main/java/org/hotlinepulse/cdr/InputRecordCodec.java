package org.hotlinepulse.cdr;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.avro.ReleasedBy;
import org.hotlinepulse.serialization.NullableFields;
import org.hotlinepulse.serialization.RecordCodec;

import java.io.IOException;
import java.time.Instant;

/**
 * An {@link InputRecord} between operators: every CDR crosses the keyBy by line this way, its fields
 * written directly (the times as epoch milliseconds, as Avro's timestamp-millis holds them) instead
 * of through Avro's datum writer and reader.
 */
public final class InputRecordCodec extends RecordCodec<InputRecord> {
    private static final long serialVersionUID = 1L;
    private static final Outcome[] OUTCOMES = Outcome.values();
    private static final ReleasedBy[] RELEASED_BY = ReleasedBy.values();

    public InputRecordCodec() {
        super(InputRecord.class);
    }

    @Override
    public void write(InputRecord record, DataOutputView out) throws IOException {
        NullableFields.writeString(record.origin, out);
        out.writeLong(record.position);
        out.writeBoolean(record.cdr != null);
        if (record.cdr != null) {
            writeCdr(record.cdr, out);
        }
        NullableFields.writeString(record.rejectReason, out);
        NullableFields.writeString(record.rawRecord, out);
        NullableFields.writeBytes(record.payload, out);
    }

    @Override
    public InputRecord read(DataInputView in) throws IOException {
        InputRecord record = new InputRecord();
        record.origin = NullableFields.readString(in);
        record.position = in.readLong();
        if (in.readBoolean()) {
            record.cdr = readCdr(in);
        }
        record.rejectReason = NullableFields.readString(in);
        record.rawRecord = NullableFields.readString(in);
        record.payload = NullableFields.readBytes(in);
        return record;
    }

    private static void writeCdr(Cdr cdr, DataOutputView out) throws IOException {
        NullableFields.writeString(cdr.getCallId(), out);
        NullableFields.writeString(cdr.getLine(), out);
        NullableFields.writeString(cdr.getCallerHash(), out);
        out.writeLong(cdr.getStartTime().toEpochMilli());
        NullableFields.writeLong(millis(cdr.getQueueTime()), out);
        NullableFields.writeLong(millis(cdr.getAnswerTime()), out);
        out.writeLong(cdr.getEndTime().toEpochMilli());
        NullableFields.writeEnum(cdr.getOutcome(), out);
        NullableFields.writeInt(cdr.getReleaseCause(), out);
        NullableFields.writeEnum(cdr.getReleasedBy(), out);
        out.writeBoolean(cdr.getIvr());
        out.writeBoolean(cdr.getProbe());
        NullableFields.writeString(cdr.getAgentId(), out);
        NullableFields.writeString(cdr.getSource(), out);
        NullableFields.writeBoolean(cdr.getResolved(), out);
        NullableFields.writeInt(cdr.getSatisfaction(), out);
    }

    private static Cdr readCdr(DataInputView in) throws IOException {
        Cdr cdr = new Cdr();
        cdr.setCallId(NullableFields.readString(in));
        cdr.setLine(NullableFields.readString(in));
        cdr.setCallerHash(NullableFields.readString(in));
        cdr.setStartTime(Instant.ofEpochMilli(in.readLong()));
        cdr.setQueueTime(instant(NullableFields.readLong(in)));
        cdr.setAnswerTime(instant(NullableFields.readLong(in)));
        cdr.setEndTime(Instant.ofEpochMilli(in.readLong()));
        cdr.setOutcome(NullableFields.readEnum(OUTCOMES, in));
        cdr.setReleaseCause(NullableFields.readInt(in));
        cdr.setReleasedBy(NullableFields.readEnum(RELEASED_BY, in));
        cdr.setIvr(in.readBoolean());
        cdr.setProbe(in.readBoolean());
        cdr.setAgentId(NullableFields.readString(in));
        cdr.setSource(NullableFields.readString(in));
        cdr.setResolved(NullableFields.readBoolean(in));
        cdr.setSatisfaction(NullableFields.readInt(in));
        return cdr;
    }

    private static Long millis(Instant time) {
        return time == null ? null : time.toEpochMilli();
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
