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
 *
 * <p>Why a Flink-internal base class ({@code CoBroadcastWithKeyedOperator}, {@code @Internal}): the
 * public API has no way to say that one input of an operator carries no event time. A watermark
 * strategy on the directory's source only takes effect once that source has run; until then its
 * channel stands at the start of time, and a CDR source that starts first is held back by it (an
 * idle status has the same race). This class is the only place that leans on the internals:
 * {@code DirectorySideInputIntegrationTest} sends the directory only after every CDR and fails if
 * event time no longer follows the CDRs alone, so an upgrade that changes the operator shows there.
 */
class DirectorySideInput<K, IN, OUT> extends CoBroadcastWithKeyedOperator<K, IN, Directory, OUT> {

    DirectorySideInput(KeyedBroadcastProcessFunction<K, IN, Directory, OUT> function) {
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
