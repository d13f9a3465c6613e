package org.hotlinepulse.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextLinesUnitTest {

    private static List<TextLines.Line> lines(byte[] bytes, int max) throws IOException {
        List<TextLines.Line> lines = new ArrayList<>();
        try (TextLines reader = new TextLines(new ByteArrayInputStream(bytes), max)) {
            for (TextLines.Line l = reader.next(); l != null; l = reader.next()) {
                lines.add(l);
            }
        }
        return lines;
    }

    private static List<TextLines.Line> lines(String text, int max) throws IOException {
        return lines(text.getBytes(StandardCharsets.UTF_8), max);
    }

    @Test
    void splitsOnLfAndCrLfDropsTheBomAndKeepsALastLineWithoutBreak() throws IOException {
        List<TextLines.Line> lines = lines("\uFEFFa,b\r\n\nc\n中文", 100);
        assertThat(lines).extracting(TextLines.Line::text).containsExactly("a,b", "", "c", "中文");
        assertThat(lines).extracting(TextLines.Line::number).containsExactly(1L, 2L, 3L, 4L);
        assertThat(lines).allMatch(TextLines.Line::isReadable);
    }

    @Test
    void aLineOverTheLimitIsReportedWithItsLengthAndReadingGoesOn() throws IOException {
        String longLine = "x".repeat(250_000);
        List<TextLines.Line> lines = lines("ok\n" + longLine + "\nnext\n" + "y".repeat(11) + "\n", 10);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1).problem()).isEqualTo("line is longer than 10 bytes (250000 bytes); not read");
        assertThat(lines.get(1).text()).isNull();
        assertThat(lines.get(2).text()).isEqualTo("next");
        assertThat(lines.get(3).isReadable()).isFalse();
        assertThat(lines.get(3).number()).isEqualTo(4);
    }

    @Test
    void bytesThatAreNotUtf8AreALineThatCouldNotBeRead() throws IOException {
        List<TextLines.Line> lines = lines(new byte[] {'a', '\n', (byte) 0xC3, (byte) 0x28, '\n', 'b'}, 100);
        assertThat(lines).extracting(TextLines.Line::problem).containsExactly(null, "line is not UTF-8 text", null);
    }

    @Test
    void nextNonBlankSkipsBlankLinesButNotUnreadableOnes() throws IOException {
        try (TextLines reader = new TextLines(new ByteArrayInputStream(
                " \n\nx\n\n\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\n".getBytes(StandardCharsets.UTF_8)),
                4)) {
            assertThat(reader.nextNonBlank().text()).isEqualTo("x");
            assertThat(reader.nextNonBlank().isReadable()).isFalse();
            assertThat(reader.nextNonBlank()).isNull();
        }
    }
}
