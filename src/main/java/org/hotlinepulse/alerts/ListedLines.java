package org.hotlinepulse.alerts;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.Line;

/** Turns each version of the directory into one {@link LineEvent#listed} per line it lists. */
public final class ListedLines implements FlatMapFunction<Directory, LineEvent> {
    @Override
    public void flatMap(Directory directory, Collector<LineEvent> out) {
        for (Line line : directory.lines()) {
            out.collect(LineEvent.listed(line.number()));
        }
    }
}
