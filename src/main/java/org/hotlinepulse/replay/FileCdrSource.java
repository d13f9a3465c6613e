package org.hotlinepulse.replay;

import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.util.IteratorSourceEnumerator;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.hotlinepulse.cdr.CallerPseudonymiser;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.cdr.CdrInputOptions;
import org.hotlinepulse.cdr.InputRecord;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * A bounded source of the CDRs in a set of files of one format, one split per file, so that
 * each record keeps its file name and line number for the rejected and late outputs.
 */
public final class FileCdrSource
        implements Source<InputRecord, FileCdrSplit, Collection<FileCdrSplit>> {
    private final List<FileCdrSplit> files;
    private final CallerPseudonymiser pseudonymiser;
    private final CdrInputOptions options;

    public FileCdrSource(List<Path> files, CdrFormat format, CallerPseudonymiser pseudonymiser) {
        this(files, format, CdrInputOptions.DEFAULTS, pseudonymiser);
    }

    /** Files of a PBX or vendor format, read with these options (zone, source, queue_log, mapping). */
    public FileCdrSource(List<Path> files, CdrFormat format, CdrInputOptions options,
                         CallerPseudonymiser pseudonymiser) {
        this.files = files.stream()
                .map(file -> new FileCdrSplit(file.toString(), format, 0))
                .toList();
        this.pseudonymiser = pseudonymiser;
        this.options = options;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<InputRecord, FileCdrSplit> createReader(SourceReaderContext context) {
        return new FileCdrSourceReader(context, pseudonymiser, options);
    }

    @Override
    public SplitEnumerator<FileCdrSplit, Collection<FileCdrSplit>> createEnumerator(
            SplitEnumeratorContext<FileCdrSplit> context) {
        return new IteratorSourceEnumerator<>(context, files);
    }

    @Override
    public SplitEnumerator<FileCdrSplit, Collection<FileCdrSplit>> restoreEnumerator(
            SplitEnumeratorContext<FileCdrSplit> context, Collection<FileCdrSplit> checkpoint) {
        return new IteratorSourceEnumerator<>(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<FileCdrSplit> getSplitSerializer() {
        return new FileCdrSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<Collection<FileCdrSplit>> getEnumeratorCheckpointSerializer() {
        return new FileCdrSplitSerializer.OfCheckpoint();
    }
}
