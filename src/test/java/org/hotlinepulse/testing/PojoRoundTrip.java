package org.hotlinepulse.testing;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** Keyed-state values as Flink stores them: asserts the class is a Flink POJO and copies a value through its serializer. */
public final class PojoRoundTrip {
    private PojoRoundTrip() {}

    /** The value after Flink's POJO serializer wrote and read it back; fails if the class would fall back to Kryo. */
    public static <T> T of(Class<T> type, T value) throws IOException {
        TypeInformation<T> info = TypeInformation.of(type);
        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<T> serializer = info.createSerializer(config);
        DataOutputSerializer out = new DataOutputSerializer(1024);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
