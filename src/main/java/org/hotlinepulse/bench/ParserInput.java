package org.hotlinepulse.bench;

import java.nio.file.Path;
import java.util.List;
import org.hotlinepulse.cdr.CdrFormat;
import org.hotlinepulse.cdr.CdrInputOptions;

/**
 * One generated input of the parser benchmark: what to open and how, as replay and ingest open it.
 *
 * @param label the name printed, e.g. {@code asterisk-csv+queue_log}
 * @param file the file given to {@link CdrFormat#open}
 * @param otherFiles files the reader also reads (queue_log, the mapping), counted in the bytes read
 * @param records the records the reader must return, none rejected
 */
public record ParserInput(String label, CdrFormat format, Path file, List<Path> otherFiles,
                          CdrInputOptions options, long records) {

    public ParserInput {
        otherFiles = List.copyOf(otherFiles);
    }
}
