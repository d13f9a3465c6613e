package org.hotlinepulse.assessment;

import org.hotlinepulse.directory.TimeSpan;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpansUnitTest {
    private static TimeSpan span(int from, int to) {
        return new TimeSpan(Instant.ofEpochSecond(from), Instant.ofEpochSecond(to));
    }

    @Test
    void unionJoinsOverlappingAndTouchingSpans() {
        assertThat(Spans.union(List.of(span(10, 20), span(0, 5), span(5, 8), span(15, 30), span(40, 40))))
                .containsExactly(span(0, 8), span(10, 30));
    }

    @Test
    void intersectAndSubtract() {
        List<TimeSpan> a = List.of(span(0, 10), span(20, 30));
        List<TimeSpan> b = List.of(span(5, 25), span(28, 40));
        assertThat(Spans.intersect(a, b)).containsExactly(span(5, 10), span(20, 25), span(28, 30));
        assertThat(Spans.subtract(a, b)).containsExactly(span(0, 5), span(25, 28));
        assertThat(Spans.subtract(a, List.of())).isEqualTo(a);
        assertThat(Spans.millis(a)).isEqualTo(20_000);
    }

    @Test
    void overlapOfOneWindow() {
        List<TimeSpan> open = List.of(span(0, 10), span(20, 30), span(40, 50));
        assertThat(Spans.overlapMillis(open, Instant.ofEpochSecond(5), Instant.ofEpochSecond(45))).isEqualTo(20_000);
        assertThat(Spans.overlapMillis(open, Instant.ofEpochSecond(10), Instant.ofEpochSecond(20))).isZero();
    }
}
