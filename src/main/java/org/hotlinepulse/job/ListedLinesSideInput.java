package org.hotlinepulse.job;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.SimpleTimerService;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.Line;
import org.hotlinepulse.pipeline.DirectoryBroadcast;
import org.hotlinepulse.pipeline.ListedLineWatcher;

/**
 * A {@link DirectorySideInput} keyed by line whose function also watches the lines the directory
 * lists ({@link ListedLineWatcher}). A keyed function can create state and timers for a key only
 * from an element of that key, and a listed line may never get a call; the operator can set any
 * key, so it hands the function each listed line of its own key groups, as the current key: when
 * it opens, every line of the directory in force (a line already watched is left as it is), and
 * when a version arrives, each line the previous version did not list. Each line is thus listed by
 * exactly one parallel instance, the one its calls go to.
 */
final class ListedLinesSideInput<IN, OUT, F extends KeyedBroadcastProcessFunction<String, IN, Directory, OUT>
        & ListedLineWatcher> extends DirectorySideInput<String, IN, OUT> {
    /** The timer service {@code CoBroadcastWithKeyedOperator} gives its function: it is registered by name. */
    private static final String USER_TIMERS = "user-timers";

    private final ListedLineWatcher watcher;
    private final Directory directoryAtStart;
    private transient TimerService timers;

    private ListedLinesSideInput(F function, Directory directoryAtStart) {
        super(function);
        this.watcher = function;
        this.directoryAtStart = directoryAtStart;
    }

    /** {@code function} over {@code keyed}, with {@code directories} as its broadcast state. */
    static <IN, OUT, F extends KeyedBroadcastProcessFunction<String, IN, Directory, OUT> & ListedLineWatcher>
    SingleOutputStreamOperator<OUT> join(KeyedStream<IN, String> keyed, DataStream<Directory> directories,
                                         F function, Directory directoryAtStart, TypeInformation<OUT> type,
                                         String name) {
        return keyed.connect(directories.broadcast()).transform(name, type, of(function, directoryAtStart));
    }

    /** The operator of {@code function}, listing the lines of {@code directoryAtStart} when it first opens. */
    static <IN, OUT, F extends KeyedBroadcastProcessFunction<String, IN, Directory, OUT> & ListedLineWatcher>
    ListedLinesSideInput<IN, OUT, F> of(F function, Directory directoryAtStart) {
        return new ListedLinesSideInput<>(function, directoryAtStart);
    }

    @Override
    public void open() throws Exception {
        super.open();
        timers = new SimpleTimerService(getInternalTimerService(USER_TIMERS, VoidNamespaceSerializer.INSTANCE, this));
        // After a restore the directory in force is the one in broadcast state.
        list(null, current(directoryAtStart));
    }

    @Override
    public void processElement2(StreamRecord<Directory> element) throws Exception {
        Directory previous = current(null);
        super.processElement2(element);
        list(previous, element.getValue());
    }

    private Directory current(Directory initial) throws Exception {
        return DirectoryBroadcast.current(getOperatorStateBackend().getBroadcastState(DirectoryBroadcast.DIRECTORY),
                initial);
    }

    /** Lists each line of {@code directory} that {@code previous} (null: none) does not, of this instance's keys. */
    private void list(Directory previous, Directory directory) throws Exception {
        TaskInfo task = getRuntimeContext().getTaskInfo();
        for (Line line : directory.lines()) {
            String number = line.number();
            if ((previous == null || previous.line(number) == null)
                    && KeyGroupRangeAssignment.assignKeyToParallelOperator(number, task.getMaxNumberOfParallelSubtasks(),
                    task.getNumberOfParallelSubtasks()) == task.getIndexOfThisSubtask()) {
                setCurrentKey(number);
                watcher.onListed(number, directory, timers);
            }
        }
    }
}
