package org.hotlinepulse.job;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.pipeline.DirectoryBroadcast;

import java.util.List;

/**
 * Joins a keyed stream with the directory as broadcast state, without letting the directory hold
 * event time back. An operator takes the least watermark of its inputs, and the directory's input
 * has none until its source has sent one: a replay's one-element directory source that started
 * late would hold every operator it feeds at the start of time while a small input was read whole,
 * after which event time would leap to the end and nothing would be late or fire on the way. The
 * directory carries no event time, so its input counts as being at the end of time from the start.
 */
final class DirectorySideInput<K, IN, OUT> extends CoBroadcastWithKeyedOperator<K, IN, Directory, OUT> {

    private DirectorySideInput(KeyedBroadcastProcessFunction<K, IN, Directory, OUT> function) {
        super(function, List.of(DirectoryBroadcast.DIRECTORY));
    }

    /** {@code function} over {@code keyed}, with {@code directories} as its broadcast state. */
    static <K, IN, OUT> SingleOutputStreamOperator<OUT> join(
            KeyedStream<IN, K> keyed, DataStream<Directory> directories,
            KeyedBroadcastProcessFunction<K, IN, Directory, OUT> function, TypeInformation<OUT> type, String name) {
        return keyed.connect(directories.broadcast()).transform(name, type, new DirectorySideInput<>(function));
    }

    @Override
    public void open() throws Exception {
        super.open();
        super.processWatermark2(Watermark.MAX_WATERMARK);
    }

    @Override
    public void processWatermark2(Watermark mark) {
        // Already at the end of time (see open()).
    }
}
