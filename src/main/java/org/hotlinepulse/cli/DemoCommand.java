package org.hotlinepulse.cli;

import org.hotlinepulse.demo.Demo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code hotline-pulse demo}: the whole product in one process, no service needed (docs/demo.md). */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole product in this process, with no service installed: simulated CDRs "
                + "of a county's hotlines with one fault of each alert type, the hotline-metrics job on an "
                + "embedded Flink cluster, an embedded store, the dashboard, and alerts printed here as they "
                + "fire and resolve. Ctrl-C stops it."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--speed", defaultValue = "60", paramLabel = "X",
            description = "How many times faster than real time simulated time runs (default: ${DEFAULT-VALUE}, "
                    + "one simulated hour a minute).")
    double speed;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "Stop after this much real time, e.g. 5m (default: run until Ctrl-C).")
    String duration;

    @Option(names = "--port", defaultValue = "8080", description = "The dashboard's port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--lang", defaultValue = "en", paramLabel = "zh|en",
            description = "Language of the alert lines on the console (default: ${DEFAULT-VALUE}).")
    String lang;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed of the simulated traffic (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        Duration runFor;
        try {
            runFor = duration == null ? null : CommandInputs.positiveDuration("--duration", duration);
            if (!(speed > 0) || Double.isInfinite(speed)) {
                throw new UsageError("--speed: " + speed + " must be above 0");
            }
            if (!lang.equals("zh") && !lang.equals("en")) {
                throw new UsageError("--lang: " + lang + " is not zh or en");
            }
        } catch (UsageError e) {
            System.err.println("hotline-pulse demo: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        // Ctrl-C: the hook wakes the main thread and holds the JVM until the job is cancelled.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.countDown();
            try {
                closed.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try (Demo demo = Demo.start(speed, seed, lang, port)) {
            ZoneId zone = demo.directory().calendar().zone();
            System.out.printf(Locale.ROOT, "demo: %d lines of %d departments, simulated from %s (%s) at %sx; "
                            + "faults: %s%n", demo.directory().lines().size(), demo.directory().departments().size(),
                    Demo.START.atZone(zone).toLocalDateTime(), zone, speed, Demo.FAULTS);
            System.out.printf(Locale.ROOT, "demo: dashboard on %s (%s?lang=zh in Chinese); Ctrl-C stops%n",
                    demo.dashboardUrl(), demo.dashboardUrl());
            if (runFor == null) {
                stopped.await();
            } else {
                stopped.await(runFor.toMillis(), TimeUnit.MILLISECONDS);
            }
            System.out.println("demo: stopping");
        } catch (IOException e) {
            System.err.println("hotline-pulse demo: " + e.getMessage());
            return 1;
        } finally {
            closed.countDown();
        }
        return 0;
    }
}
