package org.hotlinepulse.metrics;

import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.hotlinepulse.serialization.SerializerTypeInfo;

import java.lang.reflect.Type;
import java.util.Map;

/** Named by {@code @TypeInfo} on {@link Counts}: Flink serializes counts with {@link CountsSerializer} wherever they appear. */
public final class CountsTypeFactory extends TypeInfoFactory<Counts> {
    public static final TypeInformation<Counts> TYPE_INFO = new SerializerTypeInfo<>(Counts.class, CountsSerializer.INSTANCE);

    @Override
    public TypeInformation<Counts> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
        return TYPE_INFO;
    }
}
