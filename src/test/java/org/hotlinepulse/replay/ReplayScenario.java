package org.hotlinepulse.replay;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A generated day-part of hotline traffic written as JSON Lines, with the faults a real feed
 * has (repeats, malformed lines, unknown numbers, calls long enough to arrive late, records
 * past allowed lateness), and the metrics it must produce, computed here from first principles
 * without the product's code.
 */
final class ReplayScenario {
    static final String UNKNOWN_LINE = "037199999999";
    static final Map<String, String> DEPARTMENT_OF = Map.of(
            "037167890001", "zz-social-security", "037167890002", "zz-social-security",
            "037167890003", "zz-social-security", "037167891001", "zz-medical-insurance",
            "037167891002", "zz-medical-insurance", "12345", "zz-12345",
            "037112345001", "zz-12345", "037112345002", "zz-12345");
    static final String RAW_CALLER_PREFIX = "1380013";
    static final int[] WINDOWS = {1, 15, 60};
    static final long MINUTE = 60_000;
    static final long MAX_OUT_OF_ORDERNESS = 10 * MINUTE;
    static final long LATENESS = 4 * 60 * MINUTE;

    private enum Outcome { ANSWERED, ABANDONED, NO_ANSWER, BUSY, FAILED }

    private record Call(String callId, String line, long start, Long queue, Long answer, long end,
                        Outcome outcome, boolean explicit, boolean probe, boolean ivr,
                        Boolean resolved, Integer satisfaction, int variant) {}

    /** One line of the file: a call, a malformed text, or blank. */
    private record Entry(String text, Call call) {}

    final List<String> fileLines = new ArrayList<>();
    final Set<Long> rejectedLineNos = new HashSet<>();
    final Set<Long> lateLineNos = new HashSet<>();
    long records;
    long duplicates;
    long unknown;
    final Map<String, long[]> expected = new TreeMap<>();

    private final Random random;
    private final List<String> lines = new ArrayList<>(new TreeMap<>(DEPARTMENT_OF).keySet());

    ReplayScenario(long seed, int calls) {
        random = new Random(seed);
        List<Entry> entries = generate(calls);
        inject(entries);
        for (Entry entry : entries) {
            fileLines.add(entry.text());
        }
        computeExpectations(entries);
    }

    private List<Entry> generate(int calls) {
        List<Call> generated = new ArrayList<>();
        long start = Instant.parse("2026-10-12T00:00:00Z").toEpochMilli();
        for (int i = 0; i < calls; i++) {
            start += (long) (-Math.log(1 - random.nextDouble()) * 7_200);
            String line = random.nextDouble() < 0.007 ? UNKNOWN_LINE
                    : lines.get(random.nextInt(lines.size()));
            generated.add(call("call-" + i, line, start));
        }
        generated.sort((a, b) -> Long.compare(a.end(), b.end()));
        List<Entry> entries = new ArrayList<>();
        for (Call call : generated) {
            entries.add(new Entry(json(call), call));
        }
        return entries;
    }

    private Call call(String id, String line, long start) {
        double roll = random.nextDouble();
        Outcome outcome = roll < 0.05 ? Outcome.FAILED : roll < 0.13 ? Outcome.BUSY
                : roll < 0.75 ? Outcome.ANSWERED : roll < 0.92 ? Outcome.ABANDONED
                : Outcome.NO_ANSWER;
        boolean ivr = random.nextBoolean();
        Long queue = null;
        Long answer = null;
        Boolean resolved = null;
        Integer satisfaction = null;
        long end;
        long from = start;
        if (ivr && outcome != Outcome.BUSY && outcome != Outcome.FAILED) {
            queue = start + 3_000 + random.nextInt(27_000);
            from = queue;
        }
        switch (outcome) {
            case ANSWERED -> {
                answer = from + random.nextInt(60_000);
                end = answer + Math.min(50 * MINUTE, (long) (-Math.log(1 - random.nextDouble()) * 240_000));
                if (random.nextDouble() < 0.6) {
                    resolved = random.nextBoolean();
                }
            }
            case ABANDONED -> end = from + random.nextInt(60_000);
            case NO_ANSWER -> end = from + 30_000 + random.nextInt(60_000);
            default -> end = start + 1_000 + random.nextInt(3_000);
        }
        if (random.nextDouble() < 0.3) {
            satisfaction = 1 + random.nextInt(5);
        }
        return new Call(id, line, start, queue, answer, end, outcome, random.nextBoolean(),
                random.nextDouble() < 0.03, ivr, resolved, satisfaction, random.nextInt(3));
    }

    /** JSON as a PBX adapter might write it: mixed time forms, a raw caller number, outcome often left out. */
    private String json(Call c) {
        StringBuilder json = new StringBuilder("{");
        json.append("\"call_id\":\"").append(c.callId()).append("\",\"line\":\"").append(c.line())
                .append("\",\"caller\":\"").append(RAW_CALLER_PREFIX)
                .append(String.format("%04d", random.nextInt(10_000))).append('"');
        time(json, "start_time", c.start());
        if (c.queue() != null) {
            time(json, "queue_time", c.queue());
        }
        if (c.answer() != null) {
            time(json, "answer_time", c.answer());
        }
        time(json, "end_time", c.end());
        if (c.explicit()) {
            json.append(",\"outcome\":\"").append(c.outcome()).append('"');
        } else {
            derivationHints(json, c);
        }
        json.append(",\"ivr\":").append(c.ivr()).append(",\"probe\":").append(c.probe());
        if (c.resolved() != null) {
            json.append(",\"resolved\":").append(c.resolved());
        }
        if (c.satisfaction() != null) {
            json.append(",\"satisfaction\":").append(c.satisfaction());
        }
        return json.append('}').toString();
    }

    /** Fields from which contract §3 derives the outcome the call really had. */
    private static void derivationHints(StringBuilder json, Call c) {
        switch (c.outcome()) {
            case ANSWERED -> json.append(",\"release_cause\":16");
            case ABANDONED -> json.append(new String[] {",\"release_cause\":16,\"released_by\":\"CALLER\"",
                    ",\"released_by\":\"CALLER\"", ""}[c.variant()]);
            case NO_ANSWER -> json.append(new String[] {",\"released_by\":\"HOTLINE\"",
                    ",\"release_cause\":19", ",\"release_cause\":102"}[c.variant()]);
            case BUSY -> json.append(",\"release_cause\":").append(new int[] {17, 34, 42}[c.variant()]);
            case FAILED -> json.append(",\"release_cause\":").append(new int[] {1, 27, 38}[c.variant()]);
        }
    }

    private void time(StringBuilder json, String field, long ms) {
        json.append(",\"").append(field).append("\":");
        if (random.nextBoolean()) {
            json.append(ms);
        } else {
            json.append('"').append(OffsetDateTime.ofInstant(Instant.ofEpochMilli(ms),
                    ZoneOffset.ofHours(8))).append('"');
        }
    }

    private void inject(List<Entry> entries) {
        for (int i = 0; i < 40; i++) {
            int from = random.nextInt(entries.size() - 300);
            Entry original = entries.get(from);
            if (original.call() != null) {
                entries.add(from + 1 + random.nextInt(200), original);
            }
        }
        String[] malformed = {
                "{\"call_id\":\"bad-1\",\"line\":\"12345\",\"start_time\":",
                "this is not json at all, caller 13800138000",
                "{\"call_id\":\"bad-3\",\"start_time\":1760230000000,\"end_time\":1760230060000}",
                "{\"call_id\":\"bad-4\",\"line\":\"12345\",\"start_time\":1760230060000,\"end_time\":1760230000000}",
                "{\"call_id\":\"bad-5\",\"line\":\"12345\",\"start_time\":1760230000000,\"end_time\":1760230060000,\"outcome\":\"HUNG_UP\"}",
                "{\"call_id\":\"bad-6\",\"line\":\"\",\"start_time\":1760230000000,\"end_time\":1760230060000}",
                "{\"call_id\":\"bad-7\",\"line\":\"12345\",\"start_time\":\"2026-10-12 25:00:00\",\"end_time\":1760230060000}",
                "{\"call_id\":\"bad-8\",\"line\":\"12345\",\"caller\":\"13800138000\",\"start_time\":1760230000000,\"end_time\":1760230060000,\"outcome\":\"ANSWERED\"}",
                "{\"call_id\":\"bad-9\",\"line\":\"12345\",\"start_time\":1760230000000,\"answer_time\":1760230090000,\"end_time\":1760230060000}",
                "[1, 2, 3]",
                // Absurd times, which once dragged event time along and made every later call late:
                // epoch microseconds read as milliseconds (year 57749), the ends of the calendar,
                // and a start near Long.MAX_VALUE milliseconds.
                "{\"call_id\":\"bad-10\",\"line\":\"12345\",\"start_time\":1760230000000000,\"end_time\":1760230000060000}",
                "{\"call_id\":\"bad-11\",\"line\":\"12345\",\"start_time\":\"9999-12-31T00:00:00Z\",\"end_time\":\"9999-12-31T00:01:00Z\"}",
                "{\"call_id\":\"bad-12\",\"line\":\"12345\",\"start_time\":\"0001-01-01T00:00:00Z\",\"end_time\":\"0001-01-01T00:01:00Z\"}",
                "{\"call_id\":\"bad-13\",\"line\":\"12345\",\"start_time\":9223372036854775000,\"end_time\":9223372036854775806}",
        };
        for (String text : malformed) {
            entries.add(random.nextInt(entries.size()), new Entry(text, null));
        }
        entries.add(random.nextInt(entries.size()), new Entry("", null));
        entries.add(random.nextInt(entries.size()), new Entry("   ", null));
        for (int i = 0; i < 5; i++) {
            int at = entries.size() - 50 - random.nextInt(200);
            long maxStart = entries.subList(0, at).stream().filter(e -> e.call() != null)
                    .mapToLong(e -> e.call().start()).max().orElseThrow();
            Call late = call("past-lateness-" + i, lines.get(i), maxStart - LATENESS - 40 * MINUTE);
            entries.add(at, new Entry(json(late), late));
        }
    }

    private void computeExpectations(List<Entry> entries) {
        Map<String, Long> seen = new HashMap<>();
        long maxStart = Long.MIN_VALUE;
        long lineNo = 0;
        for (Entry entry : entries) {
            lineNo++;
            if (entry.text().isBlank()) {
                continue;
            }
            records++;
            Call c = entry.call();
            if (c == null) {
                rejectedLineNos.add(lineNo);
                continue;
            }
            long watermark = maxStart == Long.MIN_VALUE ? Long.MIN_VALUE : maxStart - MAX_OUT_OF_ORDERNESS - 1;
            maxStart = Math.max(maxStart, c.start());
            Long firstStart = seen.get(c.callId());
            if (firstStart != null && Math.abs(firstStart - c.start()) <= 24 * 60 * MINUTE) {
                duplicates++;
                continue;
            }
            seen.put(c.callId(), c.start());
            if (!DEPARTMENT_OF.containsKey(c.line())) {
                if (!c.probe()) {
                    unknown++;
                }
                continue;
            }
            long minute = c.start() - Math.floorMod(c.start(), MINUTE);
            if (minute + MINUTE - 1 + LATENESS <= watermark) {
                lateLineNos.add(lineNo);
                continue;
            }
            for (int size : WINDOWS) {
                long windowStart = c.start() - Math.floorMod(c.start(), size * MINUTE);
                add("line|" + c.line() + "|" + windowStart + "|" + size, c);
                add("department|" + DEPARTMENT_OF.get(c.line()) + "|" + windowStart + "|" + size, c);
            }
        }
    }

    // attempts connected answered abandoned short no_answer busy failed within_sl wait talk
    // resolved_known resolved sat_count sat_sum satisfied, then probe_attempts probe_connected
    private void add(String key, Call c) {
        long[] n = expected.computeIfAbsent(key, k -> new long[18]);
        if (c.probe()) {
            n[16]++;
            if (c.outcome() != Outcome.BUSY && c.outcome() != Outcome.FAILED) {
                n[17]++;
            }
            return;
        }
        n[0]++;
        long from = c.queue() != null ? c.queue() : c.start();
        switch (c.outcome()) {
            case ANSWERED -> {
                n[1]++;
                n[2]++;
                if (c.answer() - from <= 20_000) {
                    n[8]++;
                }
                n[9] += c.answer() - from;
                n[10] += c.end() - c.answer();
                if (c.resolved() != null) {
                    n[11]++;
                    n[12] += c.resolved() ? 1 : 0;
                }
            }
            case ABANDONED -> {
                n[1]++;
                n[3]++;
                if (c.end() - from < 5_000) {
                    n[4]++;
                }
            }
            case NO_ANSWER -> {
                n[1]++;
                n[5]++;
            }
            case BUSY -> n[6]++;
            case FAILED -> n[7]++;
        }
        if (c.satisfaction() != null) {
            n[13]++;
            n[14] += c.satisfaction();
            n[15] += c.satisfaction() >= 4 ? 1 : 0;
        }
    }

    /**
     * The expected metrics.csv rows, keyed by scope|key|window_start|window_minutes: one per
     * window with a non-probe call; probes ride along on those rows and make none of their own.
     */
    Map<String, List<String>> expectedRows() {
        Map<String, List<String>> rows = new TreeMap<>();
        expected.forEach((key, n) -> {
            if (n[0] == 0) {
                return;
            }
            String[] k = key.split("\\|");
            List<String> row = new ArrayList<>(List.of(k[0], k[1],
                    Instant.ofEpochMilli(Long.parseLong(k[2])).toString(), k[3]));
            for (int i = 0; i <= 10; i++) {
                row.add(Long.toString(n[i]));
            }
            long handled = n[1] - n[4];
            row.add(rate(n[1], n[0]));
            row.add(rate(n[2], n[0]));
            row.add(rate(n[3] - n[4], handled));
            row.add(rate(n[8], handled));
            row.add(n[2] == 0 ? "" : new BigDecimal(n[9]).divide(new BigDecimal(n[2] * 1000L), 4,
                    RoundingMode.HALF_UP).toPlainString());
            for (int i = 11; i <= 15; i++) {
                row.add(Long.toString(n[i]));
            }
            row.add(k[0].equals("line") ? DEPARTMENT_OF.get(k[1]) : "");
            row.add(Long.toString(n[16]));
            row.add(Long.toString(n[17]));
            rows.put(key, row);
        });
        return rows;
    }

    private static String rate(long numerator, long denominator) {
        return denominator == 0 ? "" : new BigDecimal(numerator)
                .divide(new BigDecimal(denominator), 4, RoundingMode.HALF_UP).toPlainString();
    }

    String directoryYaml() {
        return """
                timezone: Asia/Shanghai
                departments:
                  - { id: zz-social-security, name: 郑州市社会保险中心 }
                  - { id: zz-medical-insurance, name: 郑州市医疗保障局 }
                  - { id: zz-12345, name: 郑州市12345政务服务便民热线 }
                lines:
                """ + String.join("", new TreeMap<>(DEPARTMENT_OF).entrySet().stream()
                .map(e -> "  - { number: \"" + e.getKey() + "\", department: " + e.getValue()
                        + ", name: 线路" + e.getKey() + ", hours: \"24x7\" }\n")
                .toList());
    }
}
