package org.hotlinepulse.demo;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.io.Serializable;

/**
 * Hands every element to a target in this JVM. The demo's job runs on a local cluster inside the
 * demo's own process, so its sinks can write straight into the store the dashboard reads and onto
 * the console.
 */
final class InProcessSink<T> implements Sink<T> {
    /** Where elements go; looked up in the process by name, since a sink travels serialized. */
    interface Target<T> extends Serializable {
        void accept(T element);
    }

    private final Target<T> target;

    InProcessSink(Target<T> target) {
        this.target = target;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) {
                target.accept(element);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
