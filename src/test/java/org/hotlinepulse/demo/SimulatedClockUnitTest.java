package org.hotlinepulse.demo;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SimulatedClockUnitTest {
    static final Instant START = Instant.parse("2026-10-12T00:30:00Z");

    @Test
    void simulatedTimeRunsSpeedTimesFasterFromItsStart() {
        long wallStart = System.currentTimeMillis() - 2_000;
        SimulatedClock clock = new SimulatedClock(START, wallStart, 60);
        long elapsedWall = System.currentTimeMillis() - wallStart;
        long simulated = clock.millis() - START.toEpochMilli();
        assertThat(simulated).isBetween(elapsedWall * 60, (elapsedWall + 1_000) * 60);
        assertThat(clock.asClock().millis()).isCloseTo(clock.millis(), within(60_000L));
    }

    @Test
    void waitsForTheWallClockShareOfSimulatedTimeAhead() {
        SimulatedClock clock = new SimulatedClock(START, System.currentTimeMillis(), 60);
        assertThat(clock.wallMillisUntil(START.toEpochMilli() - 1)).isZero();
        assertThat(clock.wallMillisUntil(START.toEpochMilli() + 600_000)).isBetween(9_000L, 10_000L);
    }

    @Test
    void refusesASpeedThatIsNotAboveZero() {
        assertThatThrownBy(() -> new SimulatedClock(START, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
