package org.hotlinepulse.serialization;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;

/** Optional fields for {@link RecordCodec}s: a presence byte, then the value. */
public final class NullableFields {
    private NullableFields() {}

    /** A string or null ({@link StringValue}'s encoding, which marks null itself). */
    public static void writeString(String value, DataOutputView out) throws IOException {
        StringValue.writeString(value, out);
    }

    public static String readString(DataInputView in) throws IOException {
        return StringValue.readString(in);
    }

    public static void writeLong(Long value, DataOutputView out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value);
        }
    }

    public static Long readLong(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }

    public static void writeInt(Integer value, DataOutputView out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeInt(value);
        }
    }

    public static Integer readInt(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readInt() : null;
    }

    /** A boolean or null in one byte: 0 null, 1 false, 2 true. */
    public static void writeBoolean(Boolean value, DataOutputView out) throws IOException {
        out.writeByte(value == null ? 0 : value ? 2 : 1);
    }

    public static Boolean readBoolean(DataInputView in) throws IOException {
        byte b = in.readByte();
        return switch (b) {
            case 0 -> null;
            case 1 -> false;
            case 2 -> true;
            default -> throw new IOException("not a nullable boolean: " + b);
        };
    }

    /** An enum constant or null, by ordinal: the codec's records travel between operators of one job only. */
    public static void writeEnum(Enum<?> value, DataOutputView out) throws IOException {
        out.writeByte(value == null ? -1 : value.ordinal());
    }

    public static <E extends Enum<E>> E readEnum(E[] constants, DataInputView in) throws IOException {
        int ordinal = in.readByte();
        if (ordinal == -1) {
            return null;
        }
        if (ordinal < 0 || ordinal >= constants.length) {
            throw new IOException("no constant " + ordinal + " of " + constants.length);
        }
        return constants[ordinal];
    }

    public static void writeBytes(byte[] value, DataOutputView out) throws IOException {
        out.writeInt(value == null ? -1 : value.length);
        if (value != null) {
            out.write(value);
        }
    }

    public static byte[] readBytes(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        if (length < 0) {
            throw new IOException("a byte array of length " + length);
        }
        byte[] value = new byte[length];
        in.readFully(value);
        return value;
    }
}
