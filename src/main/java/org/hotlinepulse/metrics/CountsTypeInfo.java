package org.hotlinepulse.metrics;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

import java.lang.reflect.Type;
import java.util.Map;

/** Flink's type information for {@link Counts}: serialized by {@link CountsSerializer}, wherever it appears. */
public final class CountsTypeInfo extends TypeInformation<Counts> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<Counts> getTypeClass() {
        return Counts.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<Counts> createSerializer(SerializerConfig config) {
        return CountsSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "Counts" + Counts.COLUMNS;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CountsTypeInfo;
    }

    @Override
    public int hashCode() {
        return CountsTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof CountsTypeInfo;
    }

    /** Named by {@code @TypeInfo} on {@link Counts}. */
    public static final class Factory extends TypeInfoFactory<Counts> {
        @Override
        public TypeInformation<Counts> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
            return new CountsTypeInfo();
        }
    }
}
