package org.hotlinepulse.testing;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waiting for a condition with a deadline, instead of sleeping for an outcome. */
public final class Poll {
    private Poll() {}

    /**
     * Checks {@code condition} every 100 ms until it holds; fails naming {@code what} when
     * {@code timeout} passes first. Returns the {@link System#nanoTime()} at which it held.
     */
    public static long until(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(100);
        }
        return System.nanoTime();
    }
}
