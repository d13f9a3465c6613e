package org.hotlinepulse.ingest;

/**
 * How far a followed file has been read and published: the file's identity (device and inode, so that a rotated
 * file is told from its successor of the same name), the byte offset after the last complete line published, and
 * how many lines lie before it (for the line numbers of rejections).
 */
public record FilePosition(String identity, long offset, long lines) {

    /** The start of a file. */
    static FilePosition start(String identity) {
        return new FilePosition(identity, 0, 0);
    }
}
