package org.hotlinepulse.simulate;

import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.cdr.CdrWireFormat;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes CDRs to a wire file (read by {@link org.hotlinepulse.cdr.WireFileCdrReader}, docs/cdr-formats.md): each
 * the bytes of a {@code hotline.cdr} message value after its length as a 4-byte big-endian int. Replaces the file.
 */
public final class WireFileCdrOutput implements CdrOutput {
    private final DataOutputStream out;

    public WireFileCdrOutput(Path file) throws IOException {
        this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    @Override
    public void write(Cdr cdr) throws IOException {
        byte[] message = CdrWireFormat.encode(cdr);
        out.writeInt(message.length);
        out.write(message);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
