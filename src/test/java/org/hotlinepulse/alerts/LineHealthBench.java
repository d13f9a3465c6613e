package org.hotlinepulse.alerts;

import org.hotlinepulse.pipeline.Attempt;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.directory.Department;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.Line;
import org.hotlinepulse.directory.ServiceCalendar;
import org.hotlinepulse.directory.ServiceHours;

/**
 * Prints the cost of {@link LineHealth#onAttempt} (and of the {@link LineHealth#nextTimer} the
 * wrapper calls after it) over a realistic stream to 10,000 lines: office hours with lunch
 * breaks and 24x7 lines, a third with a directory baseline, a few faulty lines. Not a test:
 * run with {@code java -cp target/classes:target/test-classes:AVRO_AND_JACKSON_JARS org.hotlinepulse.alerts.LineHealthBench [days]}.
 */
public final class LineHealthBench {

    public static void main(String[] args) {
        int lines = 10_000;
        int days = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        ServiceHours office = ServiceHours.parse("Mon-Fri 08:30-12:00,14:30-17:30");
        List<Line> directoryLines = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            directoryLines.add(new Line(String.format("0371%08d", i), "d" + (i % 100), "line " + i,
                    i % 5 == 0 ? ServiceHours.always() : office,
                    i % 3 == 0 ? OptionalDouble.of(4) : OptionalDouble.empty(), Map.of()));
        }
        List<Department> departments = new ArrayList<>();
        for (int d = 0; d < 100; d++) {
            departments.add(new Department("d" + d, "部门 " + d));
        }
        Directory directory = Directory.of(new ServiceCalendar(zone, Set.of(), Set.of()), departments, directoryLines, List.of());
        long start = LocalDate.parse("2026-10-12").atStartOfDay(zone).toInstant().toEpochMilli();
        // about 4 calls per line and service hour: ~1.3 M attempts over 3 weekdays
        Random random = new Random(42);
        List<long[]> stream = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            Line line = directoryLines.get(i);
            for (long t = start; t < start + days * 86_400_000L; t += (long) (-Math.log(1 - random.nextDouble()) * 900_000)) {
                if (directory.calendar().isOpen(line.hours(), Instant.ofEpochMilli(t)) || random.nextInt(10) == 0) {
                    int outcome = i % 500 == 7 ? Outcome.FAILED.ordinal() : pick(random);
                    stream.add(new long[] {t, i, outcome, random.nextInt(50) == 0 ? 1 : 0});
                }
            }
        }
        stream.sort((a, b) -> Long.compare(a[0], b[0]));
        Attempt[] attempts = new Attempt[stream.size()];
        int[] key = new int[stream.size()];
        for (int k = 0; k < attempts.length; k++) {
            long[] s = stream.get(k);
            attempts[k] = new Attempt(s[0], s[0] + 60_000, Outcome.values()[(int) s[2]], s[3] == 1, false, false);
            key[k] = (int) s[1];
        }
        LineContext[] contexts = new LineContext[lines];
        for (int i = 0; i < lines; i++) {
            contexts[i] = LineContext.of(directoryLines.get(i).number(), directory, AlertThresholds.defaults(), start);
        }
        for (int round = 0; round < 3; round++) {
            LineHealth[] states = new LineHealth[lines];
            int alerts = 0;
            long attemptNs = 0;
            long timerNs = 0;
            for (int k = 0; k < attempts.length; k++) {
                int i = key[k];
                if (states[i] == null) {
                    states[i] = new LineHealth();
                }
                long t0 = System.nanoTime();
                int n = states[i].onAttempt(attempts[k], contexts[i]).size();
                long t1 = System.nanoTime();
                states[i].nextTimer(contexts[i]);
                long t2 = System.nanoTime();
                attemptNs += t1 - t0;
                timerNs += t2 - t1;
                alerts += n;
            }
            System.out.printf("round %d: %,d attempts to %,d lines, %d alert changes; onAttempt %.0f ns/attempt, nextTimer %.0f ns/attempt%n",
                    round, attempts.length, lines, alerts, (double) attemptNs / attempts.length,
                    (double) timerNs / attempts.length);
        }
    }

    private static int pick(Random random) {
        int r = random.nextInt(100);
        return (r < 70 ? Outcome.ANSWERED : r < 82 ? Outcome.ABANDONED : r < 88 ? Outcome.NO_ANSWER : r < 96 ? Outcome.BUSY : Outcome.FAILED).ordinal();
    }
}
