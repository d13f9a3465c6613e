package org.hotlinepulse.alerts;

import org.hotlinepulse.pipeline.Attempt;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.hotlinepulse.avro.Alert;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.directory.Closure;
import org.hotlinepulse.directory.Department;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.Line;
import org.hotlinepulse.directory.ServiceCalendar;
import org.hotlinepulse.directory.ServiceHours;

/**
 * A test directory (Zhengzhou calendar of October 2026) and a driver feeding one key's
 * LineHealth with attempts and timers, collecting every alert.
 */
final class AlertScenario {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Office hours with a lunch break. */
    static final String OFFICE = "037167890001";
    /** Around the clock. */
    static final String ALWAYS = "037167890002";
    /** Office hours, 12 calls/h expected. */
    static final String BASELINE = "037167890003";
    /** Office hours, 0 calls expected. */
    static final String NEVER_CALLED = "037167890004";
    /** Office hours, override constant_busy_share 0.6. */
    static final String OVERRIDE = "037167890005";
    /** 24x7, 60 calls/h expected. */
    static final String BUSY_LINE = "037167890006";
    /** Mon-Fri 08:30-18:00 without lunch, 60 calls/h expected: SILENT after 15 quiet service minutes. */
    static final String EVENING = "037167890007";
    static final String UNKNOWN = "0371999";
    static final String DEPARTMENT = "郑州市社会保险中心";

    final Directory directory;
    final LineHealth health = new LineHealth();
    final List<Alert> alerts = new ArrayList<>();
    final String number;
    long earliest;

    AlertScenario(String number, Closure... closures) {
        this.number = number;
        this.earliest = at("2026-10-12T00:00");
        ServiceHours office = ServiceHours.parse("Mon-Fri 08:30-12:00,14:30-17:30");
        ServiceCalendar calendar = new ServiceCalendar(SHANGHAI,
                Set.of(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-02"), LocalDate.parse("2026-10-05")),
                Set.of(LocalDate.parse("2026-10-10")));
        directory = Directory.of(calendar, List.of(new Department("zz-si", DEPARTMENT)), List.of(
                new Line(OFFICE, "zz-si", "中原区社保咨询", office, OptionalDouble.empty(), Map.of()),
                new Line(ALWAYS, "zz-si", "社保 24 小时热线", ServiceHours.always(), OptionalDouble.empty(), Map.of()),
                new Line(BASELINE, "zz-si", "医保咨询", office, OptionalDouble.of(12), Map.of()),
                new Line(NEVER_CALLED, "zz-si", "旧号码", office, OptionalDouble.of(0), Map.of()),
                new Line(OVERRIDE, "zz-si", "低门槛线路", office, OptionalDouble.empty(), Map.of("constant_busy_share", 0.6)),
                new Line(BUSY_LINE, "zz-si", "12345 分线", ServiceHours.always(), OptionalDouble.of(60), Map.of()),
                new Line(EVENING, "zz-si", "社保晚间咨询", ServiceHours.parse("Mon-Fri 08:30-18:00"), OptionalDouble.of(60),
                        Map.of())),
                List.of(closures));
    }

    static long at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant().toEpochMilli();
    }

    static Closure closure(String number, String from, String to) {
        return new Closure(Set.of(number), Instant.ofEpochMilli(at(from)), Instant.ofEpochMilli(at(to)), "线路割接");
    }

    LineContext ctx() {
        return LineContext.of(number, directory, AlertThresholds.defaults(), earliest);
    }

    /** Feeds one attempt; returns the alerts it produced (also kept in {@link #alerts}). */
    List<Alert> call(long start, Outcome outcome) {
        return feed(new Attempt(start, start + 30_000, outcome, false, false, false));
    }

    List<Alert> call(String localDateTime, Outcome outcome) {
        return call(at(localDateTime), outcome);
    }

    List<Alert> feed(Attempt a) {
        List<Alert> out = health.onAttempt(a, ctx());
        alerts.addAll(out);
        return out;
    }

    /** {@code n} attempts of one outcome, one a minute from {@code start}. */
    List<Alert> calls(String start, int n, Outcome outcome) {
        List<Alert> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.addAll(call(at(start) + i * 60_000L, outcome));
        }
        return out;
    }

    List<Alert> probe(String localDateTime, Outcome outcome) {
        long t = at(localDateTime);
        return feed(new Attempt(t, t + 10_000, outcome, true, false, false));
    }

    List<Alert> timer(long t) {
        List<Alert> out = health.onTimer(t, ctx());
        alerts.addAll(out);
        return out;
    }
}
