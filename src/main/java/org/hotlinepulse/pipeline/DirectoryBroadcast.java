package org.hotlinepulse.pipeline;

import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.hotlinepulse.directory.Directory;

/** The line directory as broadcast state: every operator keyed by line or source reads its current version here. */
public final class DirectoryBroadcast {

    /** The current directory, broadcast to every subtask whenever it is reloaded. */
    public static final MapStateDescriptor<String, Directory> DIRECTORY = new MapStateDescriptor<>(
            "directory", Types.STRING, TypeInformation.of(Directory.class));
    private static final String CURRENT = "current";

    private DirectoryBroadcast() {}

    /** The directory in the broadcast state, or {@code initial} before the first version has arrived. */
    public static Directory current(ReadOnlyBroadcastState<String, Directory> state, Directory initial)
            throws Exception {
        Directory current = state.get(CURRENT);
        return current != null ? current : initial;
    }

    /** Makes {@code directory} the current version in the broadcast state. */
    public static void set(BroadcastState<String, Directory> state, Directory directory) throws Exception {
        state.put(CURRENT, directory);
    }
}
