package org.hotlinepulse.metrics;

import org.hotlinepulse.testing.PojoRoundTrip;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hotlinepulse.metrics.WindowBookUnitTest.BOOK;
import static org.hotlinepulse.metrics.WindowBookUnitTest.HORIZON;

class SeenCallsUnitTest {
    private static final long T0 = 1_760_000_000_000L;

    @Test
    void aCallIdIsARepeatWithinTheHorizonEitherWayAndFreshBeyondIt() {
        SeenCalls seen = new SeenCalls();
        assertThat(seen.checkAndAdd("pbx-1:42", T0, BOOK)).isFalse();
        assertThat(seen.checkAndAdd("pbx-1:42", T0 + HORIZON, BOOK)).isTrue();
        assertThat(seen.checkAndAdd("pbx-1:42", T0 - HORIZON, BOOK)).isTrue();
        assertThat(seen.checkAndAdd("pbx-1:43", T0, BOOK)).isFalse();
        assertThat(seen.checkAndAdd("pbx-1:42", T0 + HORIZON + 1, BOOK)).as("beyond the horizon").isFalse();
        assertThat(seen.checkAndAdd("pbx-1:42", T0 + HORIZON + 2, BOOK)).as("now against the newer start").isTrue();
        assertThat(seen.size).isEqualTo(2);
    }

    @Test
    void tenThousandCallsAreEachSeenOnceAndGrowTheTableAsNeeded() {
        SeenCalls seen = new SeenCalls();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.checkAndAdd("call-" + i, T0 + i, BOOK)).isFalse();
        }
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.checkAndAdd("call-" + i, T0 + i, BOOK)).isTrue();
        }
        assertThat(seen.size).isEqualTo(10_000);
        assertThat(seen.hashes.length).isLessThanOrEqualTo(32_768);
        assertThat(seen.oldestStart).isEqualTo(T0);
    }

    @Test
    void forgettingKeepsOnlyTheCallsARepeatCouldStillCountForAndShrinksTheTable() {
        SeenCalls seen = new SeenCalls();
        for (int i = 0; i < 1_000; i++) {
            seen.checkAndAdd("old-" + i, T0, BOOK);
        }
        long later = T0 + 3_600_000;
        seen.checkAndAdd("new", later, BOOK);

        seen.forget(BOOK.cleanupOfCall(T0), BOOK);

        assertThat(seen.size).isEqualTo(1);
        assertThat(seen.hashes.length).isEqualTo(8);
        assertThat(seen.oldestStart).isEqualTo(later);
        assertThat(seen.checkAndAdd("new", later, BOOK)).isTrue();
        assertThat(seen.checkAndAdd("old-7", T0, BOOK)).as("forgotten").isFalse();

        seen.forget(BOOK.cleanupOfCall(later), BOOK);
        assertThat(seen.isEmpty()).isTrue();
        assertThat(seen.hashes).isEmpty();
    }

    @Test
    void theTableIsAFlinkPojoThatRoundTripsThroughItsSerializer() throws IOException {
        SeenCalls seen = new SeenCalls();
        for (int i = 0; i < 20; i++) {
            seen.checkAndAdd("c" + i, T0 + i, BOOK);
        }
        SeenCalls copy = PojoRoundTrip.of(SeenCalls.class, seen);
        for (int i = 0; i < 20; i++) {
            assertThat(copy.checkAndAdd("c" + i, T0 + i, BOOK)).isTrue();
        }
        assertThat(copy.checkAndAdd("c20", T0, BOOK)).isFalse();
    }
}
