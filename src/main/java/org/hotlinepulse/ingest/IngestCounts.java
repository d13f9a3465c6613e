package org.hotlinepulse.ingest;

/** What an ingest run did so far: records read, published, rejected and dropped as repeats. */
public final class IngestCounts {
    long read;
    long published;
    long rejected;
    long duplicate;

    public long read() {
        return read;
    }

    public long published() {
        return published;
    }

    public long rejected() {
        return rejected;
    }

    public long duplicate() {
        return duplicate;
    }

    /** The summary line, e.g. {@code read 1200 records: 1180 published, 15 rejected, 5 duplicate}. */
    public String line() {
        return "read " + read + " records: " + published + " published, " + rejected + " rejected, " + duplicate
                + " duplicate";
    }
}
