package org.hotlinepulse.serialization;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.util.InstantiationUtil;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Flink's serializer for a record written by its {@link RecordCodec}. Records are mutable, so a copy
 * (which Flink makes only where object reuse is off) is a write and a read.
 */
public final class CodecSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    private final RecordCodec<T> codec;

    public CodecSerializer(RecordCodec<T> codec) {
        this.codec = codec;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        return this;
    }

    @Override
    public T createInstance() {
        return InstantiationUtil.instantiate(codec.type());
    }

    @Override
    public T copy(T from) {
        if (from == null) {
            return null;
        }
        try {
            DataOutputSerializer out = new DataOutputSerializer(128);
            codec.write(from, out);
            return codec.read(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy a " + codec.type().getSimpleName(), e);
        }
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        codec.write(record, target);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        return codec.read(source);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return codec.read(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        codec.write(codec.read(source), target);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodecSerializer<?> other && other.codec.getClass() == codec.getClass();
    }

    @Override
    public int hashCode() {
        return codec.getClass().hashCode();
    }

    @Override
    public String toString() {
        return codec.getClass().getSimpleName();
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new Snapshot<>(codec);
    }

    /** Names the codec; a serializer restored from it is compatible only with the same codec class. */
    public static final class Snapshot<T> implements TypeSerializerSnapshot<T> {
        private RecordCodec<T> codec;

        /** For Flink, which reads the codec's name with {@link #readSnapshot}. */
        public Snapshot() {}

        Snapshot(RecordCodec<T> codec) {
            this.codec = codec;
        }

        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeUTF(codec.getClass().getName());
        }

        @Override
        @SuppressWarnings("unchecked")
        public void readSnapshot(int version, DataInputView in, ClassLoader classLoader) throws IOException {
            String name = in.readUTF();
            try {
                codec = InstantiationUtil.instantiate(
                        (Class<RecordCodec<T>>) Class.forName(name, true, classLoader), RecordCodec.class);
            } catch (ClassNotFoundException | RuntimeException e) {
                throw new IOException("cannot restore the record codec " + name, e);
            }
        }

        @Override
        public TypeSerializer<T> restoreSerializer() {
            return new CodecSerializer<>(codec);
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
            return oldSnapshot instanceof Snapshot<T> old && old.codec.getClass() == codec.getClass()
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
