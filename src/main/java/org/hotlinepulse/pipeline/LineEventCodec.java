package org.hotlinepulse.pipeline;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.serialization.NullableFields;
import org.hotlinepulse.serialization.RecordCodec;

import java.io.IOException;

/** A {@link LineEvent} between operators: every call crosses to feed health this way. */
public final class LineEventCodec extends RecordCodec<LineEvent> {
    private static final long serialVersionUID = 1L;
    private static final Outcome[] OUTCOMES = Outcome.values();

    public LineEventCodec() {
        super(LineEvent.class);
    }

    @Override
    public void write(LineEvent event, DataOutputView out) throws IOException {
        NullableFields.writeString(event.line, out);
        Attempt call = event.call;
        out.writeLong(call.startTime());
        out.writeLong(call.endTime());
        NullableFields.writeEnum(call.outcome(), out);
        out.writeByte((call.probe() ? 1 : 0) | (call.ivr() ? 2 : 0) | (call.shortAbandon() ? 4 : 0));
        NullableFields.writeString(call.source(), out);
    }

    @Override
    public LineEvent read(DataInputView in) throws IOException {
        LineEvent event = new LineEvent();
        event.line = NullableFields.readString(in);
        long start = in.readLong();
        long end = in.readLong();
        Outcome outcome = NullableFields.readEnum(OUTCOMES, in);
        int flags = in.readByte();
        event.call = new Attempt(start, end, outcome, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0,
                NullableFields.readString(in));
        return event;
    }
}
