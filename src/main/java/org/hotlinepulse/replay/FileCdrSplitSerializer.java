package org.hotlinepulse.replay;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.hotlinepulse.cdr.CdrFormat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Checkpoint form of a {@link FileCdrSplit}: path, format and records already emitted. */
final class FileCdrSplitSerializer implements SimpleVersionedSerializer<FileCdrSplit> {
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(FileCdrSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public FileCdrSplit deserialize(int version, byte[] bytes) throws IOException {
        return read(new DataInputDeserializer(bytes));
    }

    static void write(FileCdrSplit split, DataOutputView out) throws IOException {
        out.writeUTF(split.path());
        out.writeUTF(split.format().name());
        out.writeLong(split.recordsEmitted());
    }

    static FileCdrSplit read(DataInputView in) throws IOException {
        return new FileCdrSplit(in.readUTF(), CdrFormat.valueOf(in.readUTF()), in.readLong());
    }

    /** The enumerator's checkpoint: the splits not yet assigned. */
    static final class OfCheckpoint implements SimpleVersionedSerializer<Collection<FileCdrSplit>> {
        @Override
        public int getVersion() {
            return VERSION;
        }

        @Override
        public byte[] serialize(Collection<FileCdrSplit> splits) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(256);
            out.writeInt(splits.size());
            for (FileCdrSplit split : splits) {
                write(split, out);
            }
            return out.getCopyOfBuffer();
        }

        @Override
        public Collection<FileCdrSplit> deserialize(int version, byte[] bytes) throws IOException {
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            int count = in.readInt();
            List<FileCdrSplit> splits = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                splits.add(read(in));
            }
            return splits;
        }
    }
}
