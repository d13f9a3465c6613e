package org.hotlinepulse.pbx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Splits a byte stream into UTF-8 text lines ({@code \n} or {@code \r\n}), numbering them from 1 and dropping a
 * byte order mark before the first. Memory stays bounded: a line longer than the limit is not kept but reported
 * as {@link Line#tooLong()} with its first bytes, and reading goes on at the next line.
 */
public final class LineSplitter {

    /** One line: its 1-based number and text, or, when too long, its head and full length in bytes. */
    public record Line(long number, String text, boolean tooLong, long byteLength) {}

    private static final int HEAD_BYTES = 1_000;

    private final InputStream in;
    private final int maxLineBytes;
    private byte[] buf;
    private int start;
    private int limit;
    private boolean eof;
    private long number;

    public LineSplitter(InputStream in, int maxLineBytes) {
        this.in = Objects.requireNonNull(in, "in");
        this.maxLineBytes = maxLineBytes;
        this.buf = new byte[Math.min(maxLineBytes + 2, 1 << 16)];
    }

    /** The next line, or null at the end of the stream; a last line without a line break is returned too. */
    public Line next() throws IOException {
        int scan = start;
        while (true) {
            for (int i = scan; i < limit; i++) {
                if (buf[i] == '\n') {
                    return lineEndingAt(i, i + 1);
                }
            }
            scan = limit;
            if (limit - start > maxLineBytes) {
                return skipLongLine();
            }
            if (eof) {
                return start < limit ? lineEndingAt(limit, limit) : null;
            }
            int shift = start;
            fill();
            scan -= shift;
        }
    }

    private Line lineEndingAt(int end, int next) {
        int from = start;
        int to = end;
        start = next;
        number++;
        if (to > from && buf[to - 1] == '\r') {
            to--;
        }
        if (number == 1 && to - from >= 3 && buf[from] == (byte) 0xEF && buf[from + 1] == (byte) 0xBB
                && buf[from + 2] == (byte) 0xBF) {
            from += 3;
        }
        if (to - from > maxLineBytes) {
            return new Line(number, new String(buf, from, Math.min(HEAD_BYTES, to - from), StandardCharsets.UTF_8), true,
                    to - from);
        }
        return new Line(number, new String(buf, from, to - from, StandardCharsets.UTF_8), false, to - from);
    }

    private Line skipLongLine() throws IOException {
        number++;
        String head = new String(buf, start, Math.min(HEAD_BYTES, limit - start), StandardCharsets.UTF_8);
        long length = 0;
        while (true) {
            for (int i = start; i < limit; i++) {
                if (buf[i] == '\n') {
                    length += i - start;
                    start = i + 1;
                    return new Line(number, head, true, length);
                }
            }
            length += limit - start;
            start = 0;
            limit = 0;
            if (eof) {
                return new Line(number, head, true, length);
            }
            fill();
        }
    }

    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, limit - start);
            limit -= start;
            start = 0;
        }
        if (limit == buf.length) {
            byte[] bigger = new byte[Math.min(buf.length * 2, maxLineBytes + 2)];
            System.arraycopy(buf, 0, bigger, 0, limit);
            buf = bigger;
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }
}
