package org.hotlinepulse.metrics;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.hotlinepulse.serialization.NullableFields;
import org.hotlinepulse.serialization.RecordCodec;

import java.io.IOException;

/** {@link MinuteCounts} between operators: every minute a line closes crosses the keyBy by department this way. */
public final class MinuteCountsCodec extends RecordCodec<MinuteCounts> {
    private static final long serialVersionUID = 1L;

    public MinuteCountsCodec() {
        super(MinuteCounts.class);
    }

    @Override
    public void write(MinuteCounts minute, DataOutputView out) throws IOException {
        NullableFields.writeString(minute.line, out);
        NullableFields.writeString(minute.department, out);
        out.writeLong(minute.minuteStart);
        CountsSerializer.INSTANCE.serialize(minute.counts, out);
    }

    @Override
    public MinuteCounts read(DataInputView in) throws IOException {
        return new MinuteCounts(NullableFields.readString(in), NullableFields.readString(in), in.readLong(),
                CountsSerializer.INSTANCE.deserialize(in));
    }
}
