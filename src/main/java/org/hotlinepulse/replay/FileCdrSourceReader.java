package org.hotlinepulse.replay;

import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceReader;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.cdr.InputRecord;

import java.util.List;

/** Reads the files assigned to it one after another, closing each one it leaves. */
final class FileCdrSourceReader
        extends IteratorSourceReader<InputRecord, FileCdrIterator, FileCdrSplit> {
    private final CallerPseudonymiser pseudonymiser;
    private final CdrInputOptions options;

    FileCdrSourceReader(SourceReaderContext context, CallerPseudonymiser pseudonymiser, CdrInputOptions options) {
        super(context);
        this.pseudonymiser = pseudonymiser;
        this.options = options;
    }

    @Override
    public void addSplits(List<FileCdrSplit> splits) {
        splits.forEach(split -> split.useReading(pseudonymiser, options));
        super.addSplits(splits);
    }

    @Override
    public void close() throws Exception {
        if (iterator != null) {
            iterator.close();
        }
        super.close();
    }
}
