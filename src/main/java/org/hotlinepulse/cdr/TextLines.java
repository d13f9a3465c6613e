package org.hotlinepulse.cdr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Reads a text file line by line with a bound on the line length, so that a file without line breaks cannot
 * exhaust memory: the PBX formats are line-oriented (one record per line). Lines end with {@code \n} or
 * {@code \r\n}; a UTF-8 byte order mark before the first line is dropped. Not thread-safe.
 */
public final class TextLines implements AutoCloseable {

    /** One line: its 1-based number and its text, or, when too long or not UTF-8, why it was not read. */
    public record Line(long number, String text, String problem) {
        public boolean isReadable() {
            return problem == null;
        }
    }

    private static final int CHUNK = 1 << 16;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buf;
    private int start;
    private int limit;
    private boolean eof;
    private long number;

    /** Reads the stream (closed with this object); lines longer than maxLineBytes are reported, not read. */
    public TextLines(InputStream in, int maxLineBytes) {
        this.in = Objects.requireNonNull(in, "in");
        this.maxLineBytes = maxLineBytes;
        this.buf = new byte[maxLineBytes + CHUNK];
    }

    /** The next line, or null at the end of the input. */
    public Line next() throws IOException {
        while (true) {
            for (int i = start; i < limit; i++) {
                if (buf[i] == '\n') {
                    return take(i, i + 1);
                }
            }
            if (limit - start > maxLineBytes) {
                return skipLongLine();
            }
            if (eof) {
                return start < limit ? take(limit, limit) : null;
            }
            fill();
        }
    }

    /** The next line that is not blank (a line that could not be read counts as not blank), or null at the end. */
    public Line nextNonBlank() throws IOException {
        Line line = next();
        while (line != null && line.isReadable() && line.text().isBlank()) {
            line = next();
        }
        return line;
    }

    private Line take(int end, int next) {
        number++;
        int from = start;
        int to = end;
        start = next;
        if (to > from && buf[to - 1] == '\r') {
            to--;
        }
        if (number == 1 && to - from >= 3 && buf[from] == (byte) 0xEF && buf[from + 1] == (byte) 0xBB
                && buf[from + 2] == (byte) 0xBF) {
            from += 3;
        }
        if (to - from > maxLineBytes) {
            return new Line(number, null, tooLong(to - from));
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, from, to - from)).toString();
            return new Line(number, text, null);
        } catch (CharacterCodingException e) {
            return new Line(number, null, "line is not UTF-8 text");
        }
    }

    private Line skipLongLine() throws IOException {
        number++;
        long length = 0;
        while (true) {
            for (int i = start; i < limit; i++) {
                if (buf[i] == '\n') {
                    length += i - start;
                    start = i + 1;
                    return new Line(number, null, tooLong(length));
                }
            }
            length += limit - start;
            start = 0;
            limit = 0;
            if (eof) {
                return new Line(number, null, tooLong(length));
            }
            fill();
        }
    }

    private String tooLong(long length) {
        return "line is longer than " + maxLineBytes + " bytes (" + length + " bytes); not read";
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, limit - start);
            limit -= start;
            start = 0;
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
