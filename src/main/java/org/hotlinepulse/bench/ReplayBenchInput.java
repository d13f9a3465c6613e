package org.hotlinepulse.bench;

import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.simulate.CdrOutput;
import org.hotlinepulse.simulate.JsonLinesCdrOutput;
import org.hotlinepulse.simulate.SimulationSettings;
import org.hotlinepulse.simulate.SyntheticDirectory;
import org.hotlinepulse.simulate.TrafficSimulator;
import org.hotlinepulse.simulate.WireFileCdrOutput;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The generated traffic of {@code bench}: healthy calls to every line of a synthetic directory, written as a wire
 * file (the bytes of Kafka messages) or as JSON Lines. The same settings always give the same calls.
 */
public final class ReplayBenchInput {
    private static final Instant START = Instant.parse("2026-10-12T00:00:00Z");

    private final SyntheticDirectory directory;
    private final double callsPerHour;
    private final CdrFormat format;

    /** @param format {@link CdrFormat#WIRE} or {@link CdrFormat#JSONL} */
    public ReplayBenchInput(SyntheticDirectory directory, double callsPerHour, CdrFormat format) {
        if (format != CdrFormat.WIRE && format != CdrFormat.JSONL) {
            throw new IllegalArgumentException("bench reads wire or jsonl input, not " + format.cliName());
        }
        this.directory = directory;
        this.callsPerHour = callsPerHour;
        this.format = format;
    }

    public CdrFormat format() {
        return format;
    }

    /** Writes the first cdrs calls to file, replacing it; returns how many were written. */
    public long write(Path file, long cdrs) throws IOException {
        int lines = directory.numbers().size();
        // 5 % more traffic than needed, so that the Poisson arrivals reach the requested count.
        Duration span = Duration.ofMillis(Math.round(cdrs * 1.05 / (callsPerHour * lines) * 3_600_000));
        TrafficSimulator generator = new TrafficSimulator(directory.directory(),
                SimulationSettings.healthy(42, START, span, callsPerHour));
        long written = 0;
        try (CdrOutput out = format == CdrFormat.WIRE ? new WireFileCdrOutput(file) : new JsonLinesCdrOutput(file)) {
            while (generator.hasNext() && written < cdrs) {
                out.write(generator.next());
                written++;
            }
        }
        return written;
    }
}
