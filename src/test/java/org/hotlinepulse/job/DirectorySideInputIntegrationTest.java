package org.hotlinepulse.job;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.config.JobConfig;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.replay.ReplayOutputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DirectorySideInput} rests on a Flink-internal operator: this test keeps the behaviour it
 * exists for, so that a Flink upgrade that changes the operator fails here, loudly. The directory's
 * source sends its version only once the CDR source has sent every record; event time must still
 * follow the CDRs alone, so a CDR far behind the ones before it is past allowed lateness, as in a
 * replay where the directory came first.
 */
class DirectorySideInputIntegrationTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    static final String LINE = "037167890001";
    static final long T0 = Instant.parse("2026-10-12T01:00:00Z").toEpochMilli();
    static final long MINUTE = 60_000;
    /** The late CDR comes first after the ones it is late for; many more follow it. */
    static final int LATE_AT = 10;
    static final int CDRS = 2_000;

    /** Static: the sources are serialized into the job and run in this JVM's mini cluster. */
    private static final CountDownLatch EVERY_CDR_SENT = new CountDownLatch(1);
    private static Directory directory;

    @Test
    void aDirectoryThatArrivesLastDoesNotHoldEventTimeBack(@TempDir Path out) throws Exception {
        directory = Directory.load(Path.of("src/test/resources/job/directory.yaml"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        new HotlineMetricsJob(JobConfig.DEFAULTS, directory,
                new DataGeneratorSource<>(DirectorySideInputIntegrationTest::cdr, CDRS,
                        TypeInformation.of(InputRecord.class)),
                EventTime.ofInput(JobConfig.DEFAULTS.metrics().maxOutOfOrderness()),
                new DataGeneratorSource<>(index -> directoryOnceEveryCdrIsSent(), 1,
                        TypeInformation.of(Directory.class)),
                new ReplayOutputs(out))
                .buildOn(env);

        env.execute("directory arriving last");

        assertThat(Files.readAllLines(out.resolve(ReplayOutputs.LATE)))
                .as("the CDR five hours behind the others is past the 4 h allowed lateness")
                .singleElement().asString().contains("\"call_id\":\"late\"");
    }

    /** Ten CDRs in the first minutes, one five hours before them, then one a minute for the rest. */
    private static InputRecord cdr(long index) {
        long start = index < LATE_AT ? T0 + 5 * 60 * MINUTE + index * MINUTE
                : index == LATE_AT ? T0
                : T0 + 5 * 60 * MINUTE + index * MINUTE;
        String callId = index == LATE_AT ? "late" : "call-" + index;
        Cdr cdr = Cdr.newBuilder().setCallId(callId).setLine(LINE).setStartTime(Instant.ofEpochMilli(start))
                .setEndTime(Instant.ofEpochMilli(start + 30_000)).setOutcome(Outcome.BUSY).build();
        if (index == CDRS - 1) {
            EVERY_CDR_SENT.countDown();
        }
        return InputRecord.parsed("generated", index + 1, cdr);
    }

    private static Directory directoryOnceEveryCdrIsSent() throws InterruptedException {
        assertThat(EVERY_CDR_SENT.await(2, TimeUnit.MINUTES)).as("the CDR source has sent everything").isTrue();
        return directory;
    }
}
