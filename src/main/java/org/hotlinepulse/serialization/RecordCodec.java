package org.hotlinepulse.serialization;

import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * How one of the job's records is written between operators: its fields in a fixed order, with no
 * reflection and no boxing, where Flink's POJO serializer would box every {@code long} and build the
 * object field by field through reflection. A record type names its codec with
 * {@code @TypeInfo(ItsCodec.class)}, so every stream of that type uses it.
 *
 * <p>Only for records that travel between operators, never for keyed state: a codec has no version,
 * so a change to its fields would make a checkpoint unreadable. Subclasses need a public no-arg
 * constructor (Flink instantiates the factory, and a restored serializer its codec).
 */
public abstract class RecordCodec<T> extends TypeInfoFactory<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;

    protected RecordCodec(Class<T> type) {
        this.type = type;
    }

    /** The record class. */
    public final Class<T> type() {
        return type;
    }

    public abstract void write(T record, DataOutputView out) throws IOException;

    public abstract T read(DataInputView in) throws IOException;

    @Override
    public final TypeInformation<T> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
        return new SerializerTypeInfo<>(type, new CodecSerializer<>(this));
    }
}
