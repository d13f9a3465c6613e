package org.hotlinepulse.metrics;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Counts} across the network and in state: its columns as longs, in the order of a column
 * list ({@link Counts#COLUMNS} now), with no reflection and no boxing. Every row and every minute a
 * line closes crosses a keyBy with its counts; Flink's POJO serializer boxed each of the 18 fields
 * there. A checkpoint records the column names, so state written before a column was added is
 * restored with that column 0.
 */
public final class CountsSerializer extends TypeSerializer<Counts> {
    private static final long serialVersionUID = 1L;
    public static final CountsSerializer INSTANCE = new CountsSerializer(Counts.COLUMNS);

    /** The columns in the order they are written. */
    private final List<String> columns;
    /** For each of them, its index in {@link Counts#COLUMNS}. */
    private final int[] current;

    private CountsSerializer(List<String> columns) {
        this.columns = List.copyOf(columns);
        this.current = columns.stream().mapToInt(Counts.COLUMNS::indexOf).toArray();
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<Counts> duplicate() {
        return this;
    }

    @Override
    public Counts createInstance() {
        return new Counts();
    }

    @Override
    public Counts copy(Counts from) {
        return from.copy();
    }

    @Override
    public Counts copy(Counts from, Counts reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return columns.size() * Long.BYTES;
    }

    @Override
    public void serialize(Counts counts, DataOutputView target) throws IOException {
        for (int column : current) {
            target.writeLong(counts.column(column));
        }
    }

    @Override
    public Counts deserialize(DataInputView source) throws IOException {
        Counts counts = new Counts();
        for (int column : current) {
            counts.setColumn(column, source.readLong());
        }
        return counts;
    }

    @Override
    public Counts deserialize(Counts reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        target.write(source, getLength());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CountsSerializer other && columns.equals(other.columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<Counts> snapshotConfiguration() {
        return new Snapshot(columns);
    }

    /** The column names a checkpoint's counts were written with. */
    public static final class Snapshot implements TypeSerializerSnapshot<Counts> {
        private List<String> columns;

        /** For Flink, which reads the columns with {@link #readSnapshot}. */
        public Snapshot() {}

        Snapshot(List<String> columns) {
            this.columns = columns;
        }

        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeInt(columns.size());
            for (String column : columns) {
                out.writeUTF(column);
            }
        }

        @Override
        public void readSnapshot(int version, DataInputView in, ClassLoader classLoader) throws IOException {
            int n = in.readInt();
            if (n < 0 || n > 1_000) {
                throw new IOException("a counts serializer snapshot with " + n + " columns");
            }
            List<String> read = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                read.add(in.readUTF());
            }
            columns = read;
        }

        @Override
        public TypeSerializer<Counts> restoreSerializer() {
            return columns.equals(Counts.COLUMNS) ? INSTANCE : new CountsSerializer(columns);
        }

        @Override
        public TypeSerializerSchemaCompatibility<Counts> resolveSchemaCompatibility(
                TypeSerializerSnapshot<Counts> oldSnapshot) {
            if (!(oldSnapshot instanceof Snapshot old) || !Counts.COLUMNS.containsAll(old.columns)) {
                return TypeSerializerSchemaCompatibility.incompatible();
            }
            return old.columns.equals(Counts.COLUMNS)
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }
    }
}
