package org.hotlinepulse.alerts;

import org.hotlinepulse.avro.Alert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/** An alert in Avro single-object encoding (marker, schema fingerprint, body), as Kafka and checkpoints hold it. */
public final class AlertBytes {
    private AlertBytes() {}

    /** The alert's bytes. */
    public static byte[] encode(Alert alert) {
        try {
            ByteBuffer buffer = alert.toByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode alert " + alert.getId(), e);
        }
    }

    /** The alert these bytes hold. */
    public static Alert decode(byte[] bytes) throws IOException {
        return Alert.fromByteBuffer(ByteBuffer.wrap(bytes));
    }
}
