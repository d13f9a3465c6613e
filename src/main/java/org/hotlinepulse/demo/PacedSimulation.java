package org.hotlinepulse.demo;

import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.cdr.ValidatedInput;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.simulate.SimulationSettings;
import org.hotlinepulse.simulate.TrafficSimulator;

/**
 * The demo's CDR feed: the simulator's calls, each handed to the job when simulated time reaches
 * its end_time, as a PBX writes a CDR when the call ends. Runs in a source of parallelism 1.
 */
final class PacedSimulation implements GeneratorFunction<Long, InputRecord> {
    private final Directory directory;
    private final SimulationSettings settings;
    private final SimulatedClock clock;
    private transient TrafficSimulator simulator;

    PacedSimulation(Directory directory, SimulationSettings settings, SimulatedClock clock) {
        this.directory = directory;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void open(SourceReaderContext readerContext) {
        simulator = new TrafficSimulator(directory, settings);
    }

    @Override
    public InputRecord map(Long index) throws InterruptedException {
        Cdr cdr = simulator.next();
        long wait = clock.wallMillisUntil(cdr.getEndTime().toEpochMilli());
        if (wait > 0) {
            Thread.sleep(wait);
        }
        return ValidatedInput.of(InputRecord.parsed("demo", index, cdr));
    }
}
