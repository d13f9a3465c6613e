package org.hotlinepulse.simulate;

import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.cdr.CdrJson;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes CDRs to a JSON Lines file in the canonical form ({@link CdrJson}), replacing the file. */
public final class JsonLinesCdrOutput implements CdrOutput {
    private final BufferedWriter out;

    public JsonLinesCdrOutput(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    @Override
    public void write(Cdr cdr) throws IOException {
        out.write(CdrJson.toJson(cdr));
        out.newLine();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
