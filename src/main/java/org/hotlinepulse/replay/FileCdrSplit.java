package org.hotlinepulse.replay;

import org.apache.flink.api.connector.source.lib.util.IteratorSourceSplit;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.cdr.InputRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * One input file of a replay, and how many of its records were already emitted (so that a
 * restored reader skips them).
 */
public final class FileCdrSplit
        implements IteratorSourceSplit<InputRecord, FileCdrIterator>, Serializable {
    private final String path;
    private final CdrFormat format;
    private final long recordsEmitted;
    private transient CallerPseudonymiser pseudonymiser;
    private transient CdrInputOptions options = CdrInputOptions.DEFAULTS;

    public FileCdrSplit(String path, CdrFormat format, long recordsEmitted) {
        this.path = path;
        this.format = format;
        this.recordsEmitted = recordsEmitted;
    }

    public String path() {
        return path;
    }

    public CdrFormat format() {
        return format;
    }

    public long recordsEmitted() {
        return recordsEmitted;
    }

    /** The key and the reading options are never part of a split's checkpointed state: the reader hands them in. */
    void useReading(CallerPseudonymiser pseudonymiser, CdrInputOptions options) {
        this.pseudonymiser = pseudonymiser;
        this.options = options;
    }

    @Override
    public String splitId() {
        return path;
    }

    @Override
    public FileCdrIterator getIterator() {
        try {
            return new FileCdrIterator(format.open(Path.of(path), pseudonymiser, options), recordsEmitted);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    @Override
    public IteratorSourceSplit<InputRecord, FileCdrIterator> getUpdatedSplitForIterator(
            FileCdrIterator iterator) {
        return new FileCdrSplit(path, format, iterator.recordsEmitted());
    }
}
