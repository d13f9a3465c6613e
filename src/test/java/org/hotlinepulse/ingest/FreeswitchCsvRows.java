package org.hotlinepulse.ingest;

import java.util.List;

/** Rows of a FreeSWITCH Master.csv for the follow tests: row {@code i} is a call from {@link #caller(int)}. */
final class FreeswitchCsvRows {
    private FreeswitchCsvRows() {}

    /** The raw caller number of row {@code i}, which nothing ingest writes may contain. */
    static String caller(int i) {
        return "139" + String.format("%08d", i);
    }

    /** The call id of row {@code i} in the canonical CDR. */
    static String callId(int i) {
        return "fs:" + uuid(i);
    }

    /** Row {@code i}, with its line break. */
    static String row(int i) {
        return String.join(",", List.of("Caller " + i, caller(i), "037167890001", "public", "2026-10-12 09:03:11",
                "", "2026-10-12 09:03:40", "29", "0", "NO_ANSWER", uuid(i),
                "", caller(i), "PCMA", "PCMA").stream().map(v -> "\"" + v + "\"").toList()) + "\n";
    }

    private static String uuid(int i) {
        return String.format("a0000000-0000-4000-8000-%012d", i);
    }
}
