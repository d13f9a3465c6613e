package org.hotlinepulse.cli;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a request that a long-running command ({@code ingest --follow}, {@code ingest
 * --listen}) sees, finishes the piece in hand, prints its summary and returns 0: with a shutdown hook instead, the
 * JVM would exit 143 and could halt before the summary and the close of the Kafka producer.
 */
final class StopOnSignal {

    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch latch = new CountDownLatch(1);

    private StopOnSignal() {}

    /** Handles SIGTERM and SIGINT from now on. */
    static StopOnSignal install() {
        StopOnSignal stop = new StopOnSignal();
        for (String name : List.of("TERM", "INT")) {
            Signal.handle(new Signal(name), signal -> {
                stop.requested.set(true);
                stop.latch.countDown();
            });
        }
        return stop;
    }

    /** Set once a signal came; polled by loops. */
    AtomicBoolean requested() {
        return requested;
    }

    /** Waits for a signal. */
    void await() throws InterruptedException {
        latch.await();
    }
}
