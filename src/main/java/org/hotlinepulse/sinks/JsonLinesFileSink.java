package org.hotlinepulse.sinks;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Appends one JSON object per record to a file ({@code rejected.jsonl}, {@code late.jsonl}); the
 * file exists, empty, even when no record comes. Run it with parallelism 1.
 */
public final class JsonLinesFileSink<T> implements Sink<T> {
    /** Turns a record into its one line of JSON. */
    public interface LineFormat<T> extends Function<T, String>, Serializable {}

    private final String path;
    private final LineFormat<T> format;

    public JsonLinesFileSink(Path path, LineFormat<T> format) {
        this.path = path.toString();
        this.format = format;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return new Writer<>(Files.newBufferedWriter(Path.of(path), StandardCharsets.UTF_8), format);
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final BufferedWriter out;
        private final LineFormat<T> format;

        Writer(BufferedWriter out, LineFormat<T> format) {
            this.out = out;
            this.format = format;
        }

        @Override
        public void write(T record, Context context) throws IOException {
            out.write(format.apply(record));
            out.newLine();
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
