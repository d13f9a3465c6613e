package org.hotlinepulse.demo;

import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The demo's "now": simulated event time that starts at a chosen instant when the demo starts
 * and runs {@code speed} times faster than the wall clock. Everything in the demo that would
 * follow the wall clock in production (quiet partitions moving the watermark, the dashboard's
 * "last hour") follows this clock instead.
 */
public final class SimulatedClock implements Serializable {
    private final long simulatedStartMs;
    private final long wallStartMs;
    private final double speed;

    public SimulatedClock(Instant simulatedStart, long wallStartMs, double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be above 0");
        }
        this.simulatedStartMs = simulatedStart.toEpochMilli();
        this.wallStartMs = wallStartMs;
        this.speed = speed;
    }

    /** Simulated epoch milliseconds now. */
    public long millis() {
        return simulatedStartMs + (long) ((System.currentTimeMillis() - wallStartMs) * speed);
    }

    /** Wall-clock milliseconds to wait until simulated time reaches {@code simulatedMs} (0 if it has). */
    public long wallMillisUntil(long simulatedMs) {
        return Math.max(0, (long) Math.ceil((simulatedMs - millis()) / speed));
    }

    /** This clock as a {@link Clock}, for code that takes one. */
    public Clock asClock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException("the simulated clock is UTC");
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(SimulatedClock.this.millis());
            }
        };
    }
}
