package org.hotlinepulse.simulate;

import org.hotlinepulse.directory.Department;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.Line;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parses fault specs ({@code docs/simulate.md}): {@code KIND:TARGET[@ONSET[..[REPAIR]]]}, several
 * separated by {@code ;}. TARGET is a dialled number or {@code #N}, the N-th line of the directory
 * (from 1), or for {@code feed-down} a department id; ONSET and REPAIR are offsets from the simulation start ({@code +2h}, {@code +3h30m})
 * or ISO-8601 times with an offset ({@code 2026-10-12T09:00+08:00}).
 */
public final class FaultSpec {
    private static final Pattern OFFSET = Pattern.compile("\\+((?:\\d+(?:ms|d|h|m|s))+)");
    private static final Pattern OFFSET_PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");
    private static final Pattern INDEX = Pattern.compile("#(\\d+)");

    private FaultSpec() {}

    /**
     * The faults of one or more specs, in the order written.
     *
     * @param start the simulation's start, which offsets count from
     * @throws FaultSpecException naming the fault and its bad field
     */
    public static List<Fault> parse(String specs, Instant start, Directory directory) throws FaultSpecException {
        List<Fault> faults = new ArrayList<>();
        for (String part : specs.split(";")) {
            if (!part.isBlank()) {
                faults.add(parseOne(part.strip(), start, directory));
            }
        }
        return faults;
    }

    private static Fault parseOne(String spec, Instant start, Directory directory) throws FaultSpecException {
        String where = "fault \"" + spec + "\": ";
        int colon = spec.indexOf(':');
        if (colon < 0) {
            throw new FaultSpecException(where + "expected KIND:TARGET[@ONSET..REPAIR], e.g. busy:037167890001@+2h..+3h30m");
        }
        String kindText = spec.substring(0, colon).strip();
        FaultKind kind = FaultKind.bySpecName(kindText);
        if (kind == null) {
            throw new FaultSpecException(where + "kind \"" + kindText + "\" is not one of " + FaultKind.allSpecNames());
        }
        String rest = spec.substring(colon + 1);
        int at = rest.indexOf('@');
        String target = target(kind, (at < 0 ? rest : rest.substring(0, at)).strip(), directory, where);
        Instant onset = start;
        Instant repair = null;
        if (at >= 0) {
            String span = rest.substring(at + 1).strip();
            int dots = span.indexOf("..");
            String onsetText = (dots < 0 ? span : span.substring(0, dots)).strip();
            String repairText = dots < 0 ? "" : span.substring(dots + 2).strip();
            if (!onsetText.isEmpty()) {
                onset = time(onsetText, start, where + "onset");
            }
            if (!repairText.isEmpty()) {
                repair = time(repairText, start, where + "repair");
                if (!repair.isAfter(onset)) {
                    throw new FaultSpecException(where + "repair " + repairText + " is not after onset "
                            + (onsetText.isEmpty() ? "(the start)" : onsetText));
                }
            }
        }
        return new Fault(kind, target, onset, repair, spec);
    }

    private static String target(FaultKind kind, String target, Directory directory, String where)
            throws FaultSpecException {
        if (kind == FaultKind.FEED_DOWN) {
            return department(target, directory, where);
        }
        if (target.isEmpty()) {
            throw new FaultSpecException(where + "target is missing: write a line number or #N (the N-th line of the directory)");
        }
        Matcher index = INDEX.matcher(target);
        if (kind == FaultKind.UNREGISTERED) {
            if (index.matches() || !target.matches("\\+?\\d+")) {
                throw new FaultSpecException(where + "target \"" + target
                        + "\" must be a dialled number (digits) that is not in the directory");
            }
            if (directory.line(target) != null) {
                throw new FaultSpecException(where + "target " + target
                        + " is in the directory; unregistered needs a number that is not");
            }
            return target;
        }
        if (index.matches()) {
            List<Line> lines = List.copyOf(directory.lines());
            long n = parseIndex(index.group(1));
            if (n < 1 || n > lines.size()) {
                throw new FaultSpecException(where + "target " + target + " is not a line of the directory (it has "
                        + lines.size() + " lines, #1 to #" + lines.size() + ")");
            }
            return lines.get((int) n - 1).number();
        }
        if (directory.line(target) == null) {
            throw new FaultSpecException(where + "target " + target + " is not a line of the directory");
        }
        return target;
    }

    private static String department(String target, Directory directory, String where) throws FaultSpecException {
        if (directory.department(target) == null) {
            String ids = directory.departments().stream().map(Department::id).collect(Collectors.joining(", "));
            throw new FaultSpecException(where + (target.isEmpty() ? "target is missing" : "target \"" + target
                    + "\" is not a department of the directory") + "; feed-down needs a department id: " + ids);
        }
        return target;
    }

    private static long parseIndex(String digits) {
        return digits.length() > 9 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    private static Instant time(String text, Instant start, String field) throws FaultSpecException {
        Matcher offset = OFFSET.matcher(text);
        if (offset.matches()) {
            Duration total = Duration.ZERO;
            Matcher part = OFFSET_PART.matcher(offset.group(1));
            while (part.find()) {
                long n = Long.parseLong(part.group(1));
                total = total.plus(switch (part.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
            }
            return start.plus(total);
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new FaultSpecException(field + " \"" + text
                    + "\" is neither an offset from the start (+2h, +3h30m, +1d) nor an ISO time with offset "
                    + "(2026-10-12T09:00+08:00)");
        }
    }
}
