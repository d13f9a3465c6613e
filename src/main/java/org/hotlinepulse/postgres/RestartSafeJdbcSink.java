package org.hotlinepulse.postgres;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.connector.jdbc.core.datastream.sink.committer.JdbcCommitable;
import org.apache.flink.connector.jdbc.core.datastream.sink.writer.JdbcWriter;
import org.apache.flink.connector.jdbc.core.datastream.sink.writer.JdbcWriterState;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * The JDBC connector's at-least-once sink, except that closing its writer never throws.
 *
 * <p>When the database is unreachable the connector's writer fails the task, as it should, and
 * then fails once more in {@code close()}, trying to flush the rows it still holds. Flink treats an
 * exception from cleaning up a failed task as a fatal error of the whole TaskManager: on the
 * embedded cluster of {@code run} the only TaskManager shuts down and the job waits for task slots
 * for ever, restarts or not. The rows that close() could not write came after the last checkpoint;
 * the restarted job writes them again from there, so dropping them at close loses nothing.
 */
public final class RestartSafeJdbcSink<IN> implements Sink<IN>, SupportsWriterState<IN, JdbcWriterState>,
        SupportsCommitter<JdbcCommitable> {
    private static final Logger LOG = LoggerFactory.getLogger(RestartSafeJdbcSink.class);

    private final JdbcSink<IN> sink;

    public RestartSafeJdbcSink(JdbcSink<IN> sink) {
        this.sink = sink;
    }

    @Override
    public Writer<IN> createWriter(WriterInitContext context) throws IOException {
        return new Writer<>(sink.createWriter(context));
    }

    @Override
    public Writer<IN> restoreWriter(WriterInitContext context, Collection<JdbcWriterState> states)
            throws IOException {
        return new Writer<>(sink.restoreWriter(context, states));
    }

    @Override
    public SimpleVersionedSerializer<JdbcWriterState> getWriterStateSerializer() {
        return sink.getWriterStateSerializer();
    }

    @Override
    public Committer<JdbcCommitable> createCommitter(CommitterInitContext context) throws IOException {
        return sink.createCommitter(context);
    }

    @Override
    public SimpleVersionedSerializer<JdbcCommitable> getCommittableSerializer() {
        return sink.getCommittableSerializer();
    }

    /** The connector's writer, with a {@link #close()} that logs what it cannot flush. */
    static final class Writer<IN> implements StatefulSinkWriter<IN, JdbcWriterState>,
            CommittingSinkWriter<IN, JdbcCommitable> {
        private final JdbcWriter<IN> writer;

        Writer(JdbcWriter<IN> writer) {
            this.writer = writer;
        }

        @Override
        public void write(IN element, Context context) throws IOException, InterruptedException {
            writer.write(element, context);
        }

        @Override
        public void writeWatermark(Watermark watermark) throws IOException, InterruptedException {
            writer.writeWatermark(watermark);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            writer.flush(endOfInput);
        }

        @Override
        public Collection<JdbcCommitable> prepareCommit() throws IOException, InterruptedException {
            return writer.prepareCommit();
        }

        @Override
        public List<JdbcWriterState> snapshotState(long checkpointId) throws IOException {
            return writer.snapshotState(checkpointId);
        }

        @Override
        public void close() {
            try {
                writer.close();
            } catch (Exception e) {
                LOG.warn("PostgreSQL sink closed without writing its last rows; the restarted job writes"
                        + " them again from its last checkpoint: {}", e.toString());
            }
        }
    }
}
