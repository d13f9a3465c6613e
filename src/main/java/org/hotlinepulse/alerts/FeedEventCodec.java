package org.hotlinepulse.alerts;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.hotlinepulse.serialization.NullableFields;
import org.hotlinepulse.serialization.RecordCodec;

import java.io.IOException;

/** A {@link FeedEvent} between operators: every call crosses the keyBy to feed health this way. */
public final class FeedEventCodec extends RecordCodec<FeedEvent> {
    private static final long serialVersionUID = 1L;

    public FeedEventCodec() {
        super(FeedEvent.class);
    }

    @Override
    public void write(FeedEvent event, DataOutputView out) throws IOException {
        NullableFields.writeString(event.source, out);
        NullableFields.writeString(event.line, out);
        out.writeLong(event.startTime);
    }

    @Override
    public FeedEvent read(DataInputView in) throws IOException {
        FeedEvent event = new FeedEvent();
        event.source = NullableFields.readString(in);
        event.line = NullableFields.readString(in);
        event.startTime = in.readLong();
        return event;
    }
}
