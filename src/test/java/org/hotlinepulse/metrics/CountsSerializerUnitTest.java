package org.hotlinepulse.metrics;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.ObjectArrayTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class CountsSerializerUnitTest {

    /** Every column a different value, so that a column written in the wrong place shows. */
    private static Counts everyColumnSet() {
        return Counts.ofColumnValues(LongStream.rangeClosed(1, Counts.COLUMNS.size()).map(i -> i * 1_000_003L).toArray());
    }

    private static byte[] written(TypeSerializer<Counts> serializer, Counts counts) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(counts, out);
        return out.getCopyOfBuffer();
    }

    @Test
    void everyColumnCrossesInItsPlace() throws IOException {
        Counts counts = everyColumnSet();
        byte[] bytes = written(CountsSerializer.INSTANCE, counts);

        assertThat(bytes).hasSize(CountsSerializer.INSTANCE.getLength());
        assertThat(CountsSerializer.INSTANCE.deserialize(new DataInputDeserializer(bytes))).isEqualTo(counts);
    }

    @Test
    void flinkUsesItForCountsWherever() {
        assertThat(TypeInformation.of(Counts.class)).isEqualTo(CountsTypeFactory.TYPE_INFO);
        PojoTypeInfo<?> series = (PojoTypeInfo<?>) TypeInformation.of(WindowSeries.class);
        ObjectArrayTypeInfo<?, ?> inState = (ObjectArrayTypeInfo<?, ?>) series.getTypeAt(series.getFieldIndex("counts"));
        assertThat(inState.getComponentInfo()).as("the counts of a line's windows, in keyed state")
                .isEqualTo(CountsTypeFactory.TYPE_INFO);
        SerializerConfigImpl noKryo = new SerializerConfigImpl();
        noKryo.setGenericTypes(false);
        assertThat(TypeInformation.of(Counts.class).createSerializer(noKryo)).isSameAs(CountsSerializer.INSTANCE);
    }

    @Test
    void stateWrittenBeforeAColumnWasAddedIsRestoredWithItZero() throws IOException {
        List<String> before = Counts.COLUMNS.subList(0, Counts.SECTION_4_COLUMNS);
        TypeSerializer<Counts> oldSerializer = new CountsSerializer.Snapshot(before).restoreSerializer();
        Counts counts = everyColumnSet();
        byte[] oldBytes = written(oldSerializer, counts);

        TypeSerializerSnapshot<Counts> oldSnapshot = restoredSnapshot(oldSerializer.snapshotConfiguration());
        TypeSerializerSchemaCompatibility<Counts> compatibility = CountsSerializer.INSTANCE.snapshotConfiguration()
                .resolveSchemaCompatibility(oldSnapshot);
        Counts restored = oldSnapshot.restoreSerializer().deserialize(new DataInputDeserializer(oldBytes));

        assertThat(compatibility.isCompatibleAfterMigration()).isTrue();
        Counts expected = counts.copy();
        expected.probeAttempts = 0;
        expected.probeConnected = 0;
        assertThat(restored).isEqualTo(expected);
    }

    @Test
    void theSameColumnsAreCompatibleAsIsAndAColumnItNoLongerHasIsNot() throws IOException {
        TypeSerializerSnapshot<Counts> current = CountsSerializer.INSTANCE.snapshotConfiguration();
        assertThat(current.resolveSchemaCompatibility(restoredSnapshot(current)).isCompatibleAsIs()).isTrue();

        TypeSerializerSnapshot<Counts> dropped = restoredSnapshot(
                new CountsSerializer.Snapshot(List.of("attempts", "calls_abandoned_by_robots")));
        assertThat(current.resolveSchemaCompatibility(dropped).isIncompatible()).isTrue();
    }

    /** The snapshot as a checkpoint stores and Flink reads it back. */
    private static TypeSerializerSnapshot<Counts> restoredSnapshot(TypeSerializerSnapshot<Counts> snapshot)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        return TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(out.getCopyOfBuffer()),
                CountsSerializerUnitTest.class.getClassLoader());
    }
}
