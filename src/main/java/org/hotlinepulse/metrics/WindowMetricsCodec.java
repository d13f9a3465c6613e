package org.hotlinepulse.metrics;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.hotlinepulse.avro.Scope;
import org.hotlinepulse.serialization.NullableFields;
import org.hotlinepulse.serialization.RecordCodec;

import java.io.IOException;

/** {@link WindowMetrics} between operators: every metrics row travels to the sinks this way. */
public final class WindowMetricsCodec extends RecordCodec<WindowMetrics> {
    private static final long serialVersionUID = 1L;
    private static final Scope[] SCOPES = Scope.values();

    public WindowMetricsCodec() {
        super(WindowMetrics.class);
    }

    @Override
    public void write(WindowMetrics row, DataOutputView out) throws IOException {
        NullableFields.writeEnum(row.scope, out);
        NullableFields.writeString(row.key, out);
        NullableFields.writeString(row.department, out);
        out.writeLong(row.windowStart);
        out.writeInt(row.windowMinutes);
        CountsSerializer.INSTANCE.serialize(row.counts, out);
    }

    @Override
    public WindowMetrics read(DataInputView in) throws IOException {
        return new WindowMetrics(NullableFields.readEnum(SCOPES, in), NullableFields.readString(in),
                NullableFields.readString(in), in.readLong(), in.readInt(), CountsSerializer.INSTANCE.deserialize(in));
    }
}
