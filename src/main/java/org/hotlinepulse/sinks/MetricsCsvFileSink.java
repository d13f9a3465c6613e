package org.hotlinepulse.sinks;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.hotlinepulse.metrics.MetricsCsv;
import org.hotlinepulse.metrics.WindowMetrics;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes {@code metrics.csv} at the end of a bounded run with the final value of every row:
 * upserts are applied in memory by row key. Run it with parallelism 1.
 */
public final class MetricsCsvFileSink implements Sink<WindowMetrics> {
    private final String path;

    public MetricsCsvFileSink(Path path) {
        this.path = path.toString();
    }

    @Override
    public SinkWriter<WindowMetrics> createWriter(WriterInitContext context) {
        return new Writer(Path.of(path));
    }

    private static final class Writer implements SinkWriter<WindowMetrics> {
        private final Path path;
        private final Map<String, WindowMetrics> latest = new HashMap<>();

        Writer(Path path) {
            this.path = path;
        }

        @Override
        public void write(WindowMetrics row, Context context) {
            latest.put(row.rowKey(), row);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            if (!endOfInput) {
                return;
            }
            try (BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
                out.write(MetricsCsv.HEADER);
                out.newLine();
                // Writer.append(CharSequence) would make a String of every row: rows go out as chars.
                StringBuilder line = new StringBuilder(256);
                char[] chars = new char[256];
                for (WindowMetrics row : latest.values().stream().sorted(MetricsCsv.ORDER).toList()) {
                    line.setLength(0);
                    MetricsCsv.appendRow(row, line);
                    if (chars.length < line.length()) {
                        chars = new char[line.length() * 2];
                    }
                    line.getChars(0, line.length(), chars, 0);
                    out.write(chars, 0, line.length());
                    out.newLine();
                }
            }
        }

        @Override
        public void close() {}
    }
}
