package org.hotlinepulse.pipeline;

import org.apache.flink.streaming.api.TimerService;
import org.hotlinepulse.directory.Directory;

/**
 * A function keyed by line that also watches the lines the directory lists, called or not. A keyed
 * function can only create state and timers for a key from an element of that key, so its
 * operator calls it for each listed line of its own key groups, with that line as the current key.
 */
public interface ListedLineWatcher {
    /** {@code directory} lists {@code line}, the current key: keyed state and {@code timers} are the line's. */
    void onListed(String line, Directory directory, TimerService timers) throws Exception;
}
