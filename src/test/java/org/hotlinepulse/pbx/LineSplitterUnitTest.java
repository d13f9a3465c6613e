package org.hotlinepulse.pbx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterUnitTest {

    private static List<LineSplitter.Line> split(String text, int max) throws IOException {
        LineSplitter splitter = new LineSplitter(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
        List<LineSplitter.Line> lines = new ArrayList<>();
        for (LineSplitter.Line l = splitter.next(); l != null; l = splitter.next()) {
            lines.add(l);
        }
        return lines;
    }

    @Test
    void splitsOnLfAndCrLfDropsTheBomAndKeepsALastLineWithoutBreak() throws IOException {
        List<LineSplitter.Line> lines = split("\uFEFFa,b\r\n\nc\n中文", 100);
        assertThat(lines).extracting(LineSplitter.Line::text).containsExactly("a,b", "", "c", "中文");
        assertThat(lines).extracting(LineSplitter.Line::number).containsExactly(1L, 2L, 3L, 4L);
        assertThat(lines).noneMatch(LineSplitter.Line::tooLong);
    }

    @Test
    void aLineOverTheLimitIsReportedWithItsLengthAndReadingGoesOn() throws IOException {
        String longLine = "x".repeat(250_000);
        List<LineSplitter.Line> lines = split("ok\n" + longLine + "\nnext\n" + "y".repeat(11) + "\n", 10);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1).tooLong()).isTrue();
        assertThat(lines.get(1).byteLength()).isEqualTo(250_000);
        assertThat(lines.get(1).text()).hasSizeLessThanOrEqualTo(1_000);
        assertThat(lines.get(2).text()).isEqualTo("next");
        assertThat(lines.get(3).tooLong()).isTrue();
        assertThat(lines.get(3).number()).isEqualTo(4);
    }
}
