package org.hotlinepulse.replay;

import org.hotlinepulse.cdr.CdrReader;
import org.hotlinepulse.cdr.InputRecord;
import org.hotlinepulse.cdr.ValidatedInput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** The validated records of one file, read ahead by one; the file is closed at its end. */
final class FileCdrIterator implements Iterator<InputRecord>, AutoCloseable {
    private final CdrReader reader;
    private long recordsEmitted;
    private InputRecord next;
    private boolean closed;

    FileCdrIterator(CdrReader reader, long recordsToSkip) {
        this.reader = reader;
        advance();
        while (recordsEmitted < recordsToSkip && next != null) {
            recordsEmitted++;
            advance();
        }
    }

    long recordsEmitted() {
        return recordsEmitted;
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public InputRecord next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        InputRecord current = next;
        recordsEmitted++;
        advance();
        return current;
    }

    private void advance() {
        try {
            next = closed ? null : reader.next();
            if (next == null) {
                close();
            } else {
                next = ValidatedInput.of(next);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
