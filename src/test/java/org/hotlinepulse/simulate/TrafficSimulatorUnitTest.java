package org.hotlinepulse.simulate;

import org.hotlinepulse.avro.Cdr;
import org.hotlinepulse.avro.Outcome;
import org.hotlinepulse.avro.ReleasedBy;
import org.hotlinepulse.cdr.CdrJson;
import org.hotlinepulse.cdr.CdrValidator;
import org.hotlinepulse.cdr.OutcomeDerivation;
import org.hotlinepulse.directory.Directory;
import org.hotlinepulse.directory.Line;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class TrafficSimulatorUnitTest {
    static final Instant FROM = Instant.parse("2026-10-11T16:00:00Z"); // Monday 00:00 in Shanghai

    private static List<Cdr> simulate(Directory directory, SimulationSettings settings) {
        List<Cdr> cdrs = new ArrayList<>();
        new TrafficSimulator(directory, settings).forEachRemaining(cdrs::add);
        return cdrs;
    }

    private static List<Cdr> citizens(List<Cdr> cdrs, String line, Predicate<Instant> when) {
        return cdrs.stream().filter(c -> !c.getProbe() && c.getLine().equals(line) && when.test(c.getStartTime()))
                .toList();
    }

    private static Outcome outcome(Cdr cdr) {
        return OutcomeDerivation.derive(cdr);
    }

    private static long count(List<Cdr> cdrs, Outcome outcome) {
        return cdrs.stream().filter(c -> outcome(c) == outcome).count();
    }

    /** |observed − expected| within k standard deviations of a Poisson count. */
    private static void assertPoisson(long observed, double expected, double k) {
        assertThat((double) observed).as("Poisson count, expected %.0f", expected)
                .isBetween(expected - k * Math.sqrt(expected), expected + k * Math.sqrt(expected));
    }

    @Test
    void arrivalsArePoissonAtTheRatePerLine() {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            numbers.add("0371555000" + String.format("%02d", i));
        }
        List<Cdr> cdrs = simulate(SyntheticDirectory.alwaysOpen(numbers),
                SimulationSettings.healthy(3, FROM, Duration.ofDays(10), 30));
        assertPoisson(cdrs.size(), 20 * 30 * 240, 4);
        Map<String, Long> perLine = cdrs.stream().collect(Collectors.groupingBy(Cdr::getLine, Collectors.counting()));
        assertThat(perLine).hasSize(20);
        perLine.values().forEach(n -> assertPoisson(n, 30 * 240, 5));
        // Poisson: the number of calls per line-hour has variance equal to its mean.
        Map<String, Long> perLineHour = cdrs.stream().collect(Collectors.groupingBy(
                c -> c.getLine() + c.getStartTime().toEpochMilli() / 3_600_000, Collectors.counting()));
        double mean = perLineHour.values().stream().mapToLong(Long::longValue).sum() / (20.0 * 240);
        double variance = perLineHour.values().stream().mapToDouble(n -> (n - mean) * (n - mean)).sum() / (20.0 * 240);
        assertThat(variance / mean).isBetween(0.85, 1.15);
    }

    @Test
    void healthyTrafficHasTheDocumentedMixAndEveryCdrIsValid() {
        List<Cdr> cdrs = simulate(SyntheticDirectory.alwaysOpen(List.of("12345")),
                SimulationSettings.healthy(4, FROM, Duration.ofDays(20), 60));
        assertThat(cdrs).allSatisfy(c -> assertThat(CdrValidator.validate(c)).isNull());
        assertThat(cdrs).filteredOn(c -> c.getOutcome() != null)
                .allSatisfy(c -> assertThat(OutcomeDerivation.derive(Cdr.newBuilder(c).setOutcome(null).build()))
                        .isEqualTo(c.getOutcome()));
        double n = cdrs.size();
        assertThat(count(cdrs, Outcome.FAILED) / n).isBetween(0.02, 0.04);
        assertThat(count(cdrs, Outcome.BUSY) / n).isBetween(0.04, 0.06);
        assertThat(count(cdrs, Outcome.ANSWERED) / n).isBetween(0.92 * 0.78, 0.92 * 0.82);
        assertThat(cdrs).noneMatch(Cdr::getProbe);
    }

    @Test
    void serviceHoursAreFollowedClosedLinesHearAnAnnouncementAndGetFewerCalls() {
        Directory directory = SyntheticDirectory.realistic(20).directory();
        Line socialSecurity = directory.line("037100000010");
        assertThat(socialSecurity.hours().text()).isEqualTo("Mon-Fri 08:30-12:00,14:30-17:30");
        List<Cdr> cdrs = simulate(directory, SimulationSettings.healthy(5, FROM, Duration.ofDays(28), 60));
        Predicate<Instant> open = t -> directory.calendar().isOpen(socialSecurity.hours(), t);
        List<Cdr> inHours = citizens(cdrs, socialSecurity.number(), open);
        List<Cdr> closed = citizens(cdrs, socialSecurity.number(), open.negate());
        double openHours = 4 * 5 * 6.5;
        assertPoisson(inHours.size(), openHours * 60, 4);
        assertPoisson(closed.size(), (28 * 24 - openHours) * 60 * SimulationSettings.CLOSED_HOURS_SHARE, 4);
        assertThat(closed).allSatisfy(c -> {
            assertThat(outcome(c)).isEqualTo(Outcome.NO_ANSWER);
            assertThat(c.getIvr()).isTrue();
            assertThat(c.getReleasedBy()).isEqualTo(ReleasedBy.HOTLINE);
            assertThat(c.getAnswerTime()).isNull();
        });
        assertThat(count(inHours, Outcome.ANSWERED)).isGreaterThan(inHours.size() * 7L / 10);
    }

    /** One fault per line from +6h to +12h, 60 calls per hour per line, probes every 5 min. */
    private static final String[] LINES = {"037100000001", "037100000002", "037100000003", "037100000004",
            "037100000005", "037100000006", "037100000007"};

    private static List<Cdr> faulted(String... specs) throws FaultSpecException {
        Directory directory = SyntheticDirectory.alwaysOpen(List.of(LINES));
        List<Fault> faults = FaultSpec.parse(String.join(";", specs), FROM, directory);
        return simulate(directory, new SimulationSettings(6, FROM, Duration.ofDays(1), 60.0,
                Duration.ofMinutes(5), faults));
    }

    private static boolean during(Instant t) {
        return !t.isBefore(FROM.plus(Duration.ofHours(6))) && t.isBefore(FROM.plus(Duration.ofHours(12)));
    }

    private static boolean outside(Instant t) {
        return !during(t);
    }

    @Test
    void eachFaultShapesItsLineDuringItsSpanOnly() throws Exception {
        List<Cdr> cdrs = faulted("out-of-service:#1@+6h..+12h", "busy:#2@+6h..+12h", "ivr-dead-end:#3@+6h..+12h",
                "silent:#4@+6h..+12h", "high-abandonment:#5@+6h..+12h", "probe-failed:#6@+6h..+12h",
                "unregistered:037199990000@+6h..+12h");

        List<Cdr> outOfService = citizens(cdrs, LINES[0], TrafficSimulatorUnitTest::during);
        assertPoisson(outOfService.size(), 360, 4);
        assertThat(outOfService).allSatisfy(c -> {
            assertThat(outcome(c)).isEqualTo(Outcome.FAILED);
            assertThat(c.getReleaseCause()).isIn(27, 1, 38);
        });
        assertThat(outOfService.stream().filter(c -> c.getReleaseCause() == 27).count())
                .isGreaterThan(outOfService.size() / 2L);

        List<Cdr> busy = citizens(cdrs, LINES[1], TrafficSimulatorUnitTest::during);
        assertPoisson(busy.size(), 360, 4);
        assertThat(busy).allSatisfy(c -> {
            assertThat(outcome(c)).isEqualTo(Outcome.BUSY);
            assertThat(c.getReleaseCause()).isEqualTo(17);
        });

        List<Cdr> deadEnd = citizens(cdrs, LINES[2], TrafficSimulatorUnitTest::during);
        assertPoisson(deadEnd.size(), 360, 4);
        assertThat(deadEnd).allSatisfy(c -> {
            assertThat(outcome(c)).isEqualTo(Outcome.NO_ANSWER);
            assertThat(c.getIvr()).isTrue();
            assertThat(c.getReleasedBy()).isEqualTo(ReleasedBy.HOTLINE);
        });

        assertThat(citizens(cdrs, LINES[3], TrafficSimulatorUnitTest::during)).isEmpty();
        assertThat(cdrs).filteredOn(c -> c.getProbe() && c.getLine().equals(LINES[3]) && during(c.getStartTime()))
                .hasSize(72);

        List<Cdr> abandoning = citizens(cdrs, LINES[4], TrafficSimulatorUnitTest::during);
        long connected = abandoning.size() - count(abandoning, Outcome.FAILED) - count(abandoning, Outcome.BUSY);
        assertThat(count(abandoning, Outcome.ABANDONED)).isGreaterThan(connected / 2);
        assertThat(abandoning).filteredOn(c -> outcome(c) == Outcome.ABANDONED).allSatisfy(c -> {
            Instant waitFrom = c.getQueueTime() != null ? c.getQueueTime() : c.getStartTime();
            assertThat(Duration.between(waitFrom, c.getEndTime())).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        });

        List<Cdr> probes = cdrs.stream().filter(c -> c.getProbe() && c.getLine().equals(LINES[5])).toList();
        assertThat(probes).hasSize(288);
        assertThat(probes).filteredOn(c -> during(c.getStartTime()))
                .hasSize(72).allSatisfy(c -> assertThat(outcome(c)).isEqualTo(Outcome.FAILED));
        assertThat(probes).filteredOn(c -> outside(c.getStartTime()))
                .allSatisfy(c -> assertThat(outcome(c)).isEqualTo(Outcome.ABANDONED));
        assertThat(count(citizens(cdrs, LINES[5], TrafficSimulatorUnitTest::during), Outcome.ANSWERED))
                .isGreaterThan(200);

        List<Cdr> unregistered = cdrs.stream().filter(c -> c.getLine().equals("037199990000")).toList();
        assertPoisson(unregistered.size(), 360, 4);
        assertThat(unregistered).allSatisfy(c -> assertThat(during(c.getStartTime())).isTrue());

        for (int i = 0; i < 6; i++) {
            List<Cdr> healthy = citizens(cdrs, LINES[i], TrafficSimulatorUnitTest::outside);
            assertPoisson(healthy.size(), 18 * 60, 4);
            assertThat(count(healthy, Outcome.ANSWERED)).as(LINES[i] + " outside its fault")
                    .isBetween((long) (healthy.size() * 0.68), (long) (healthy.size() * 0.80));
        }
    }

    @Test
    void faultsThatStopCallsConnectingAlsoFailProbes() throws Exception {
        List<Cdr> cdrs = faulted("out-of-service:#1@+6h..+12h", "busy:#2@+6h..+12h", "ivr-dead-end:#3@+6h..+12h");
        assertThat(cdrs).filteredOn(c -> c.getProbe() && during(c.getStartTime()))
                .filteredOn(c -> c.getLine().equals(LINES[0])).hasSize(72)
                .allSatisfy(c -> assertThat(outcome(c)).isEqualTo(Outcome.FAILED));
        assertThat(cdrs).filteredOn(c -> c.getProbe() && during(c.getStartTime()))
                .filteredOn(c -> c.getLine().equals(LINES[1]))
                .allSatisfy(c -> assertThat(outcome(c)).isEqualTo(Outcome.BUSY));
        assertThat(cdrs).filteredOn(c -> c.getProbe() && c.getLine().equals(LINES[2]))
                .allSatisfy(c -> assertThat(outcome(c)).isEqualTo(Outcome.ABANDONED));
    }

    @Test
    void everyCdrNamesTheFeedOfItsDepartmentsPbxAndUnknownNumbersComeFromTheCarrier() throws Exception {
        Directory directory = new SyntheticDirectory(5, 2).directory();
        List<Fault> faults = FaultSpec.parse("unregistered:037199990000", FROM, directory);
        List<Cdr> cdrs = simulate(directory, new SimulationSettings(11, FROM, Duration.ofHours(6), 30.0,
                Duration.ofMinutes(5), faults));
        Map<String, Set<String>> feedsByLine = cdrs.stream().collect(Collectors.groupingBy(Cdr::getLine,
                Collectors.mapping(Cdr::getSource, Collectors.toSet())));
        assertThat(feedsByLine).containsOnly(
                Map.entry("037100000000", Set.of("pbx-dept-0000")),
                Map.entry("037100000001", Set.of("pbx-dept-0000")),
                Map.entry("037100000002", Set.of("pbx-dept-0001")),
                Map.entry("037100000003", Set.of("pbx-dept-0001")),
                Map.entry("037100000004", Set.of("pbx-dept-0002")),
                Map.entry("037199990000", Set.of(TrafficSimulator.CARRIER_FEED)));
    }

    @Test
    void aDeadFeedLosesEveryCdrOfItsDepartmentsLinesWhateverElseIsWrong() throws Exception {
        Directory directory = new SyntheticDirectory(4, 2).directory();
        List<Fault> faults = FaultSpec.parse("busy:#1@+5h..+7h; feed-down:dept-0000@+6h..+12h", FROM, directory);
        List<Cdr> cdrs = simulate(directory, new SimulationSettings(12, FROM, Duration.ofDays(1), 60.0,
                Duration.ofMinutes(5), faults));
        for (String number : List.of("037100000000", "037100000001")) {
            assertThat(cdrs).filteredOn(c -> c.getLine().equals(number) && during(c.getStartTime())).isEmpty();
            assertPoisson(citizens(cdrs, number, TrafficSimulatorUnitTest::outside).size(), 18 * 60, 4);
            assertThat(cdrs).filteredOn(c -> c.getProbe() && c.getLine().equals(number)).hasSize(18 * 12);
        }
        assertThat(count(citizens(cdrs, "037100000000", t -> t.isBefore(FROM.plus(Duration.ofHours(6)))),
                Outcome.BUSY)).isGreaterThan(40);
        for (String number : List.of("037100000002", "037100000003")) {
            assertPoisson(citizens(cdrs, number, TrafficSimulatorUnitTest::during).size(), 360, 4);
            assertThat(cdrs).filteredOn(c -> c.getProbe() && c.getLine().equals(number)).hasSize(288);
        }
    }

    @Test
    void cdrsComeOutInEndTimeOrderSoStartTimesAreOutOfOrder() {
        List<Cdr> cdrs = simulate(SyntheticDirectory.realistic(30).directory(),
                SimulationSettings.healthy(8, FROM, Duration.ofDays(2), 20));
        long inversions = 0;
        for (int i = 1; i < cdrs.size(); i++) {
            assertThat(cdrs.get(i).getEndTime()).isAfterOrEqualTo(cdrs.get(i - 1).getEndTime());
            if (cdrs.get(i).getStartTime().isBefore(cdrs.get(i - 1).getStartTime())) {
                inversions++;
            }
        }
        assertThat(inversions).isGreaterThan(cdrs.size() / 10);
    }

    @Test
    void theSameSeedGivesTheSameCdrsAndTheTallyCountsThem() throws Exception {
        Directory directory = SyntheticDirectory.realistic(15).directory();
        List<Fault> faults = FaultSpec.parse("busy:#2@+9h..+10h;probe-failed:#3", FROM, directory);
        SimulationSettings settings = new SimulationSettings(9, FROM, Duration.ofHours(30), 12.0,
                Duration.ofMinutes(10), faults);
        List<String> first = simulate(directory, settings).stream().map(CdrJson::toJson).toList();
        assertThat(simulate(directory, settings).stream().map(CdrJson::toJson).toList()).isEqualTo(first);
        SimulationSettings otherSeed = new SimulationSettings(10, FROM, Duration.ofHours(30), 12.0,
                Duration.ofMinutes(10), faults);
        assertThat(simulate(directory, otherSeed).stream().map(CdrJson::toJson).toList()).isNotEqualTo(first);

        TrafficSimulator simulator = new TrafficSimulator(directory, settings);
        List<Cdr> cdrs = new ArrayList<>();
        simulator.forEachRemaining(cdrs::add);
        SimulationTally tally = simulator.tally();
        assertThat(tally.total()).isEqualTo(cdrs.size());
        assertThat(tally.probes()).isEqualTo(15 * 30 * 6);
        for (Outcome o : Outcome.values()) {
            assertThat(tally.outcome(o)).isEqualTo(count(cdrs, o));
        }
        assertThat(tally.fault("probe-failed:#3")).isEqualTo(30 * 6);
        assertThat(tally.fault("busy:#2@+9h..+10h")).isEqualTo(cdrs.stream()
                .filter(c -> c.getLine().equals("037100000001") && outcome(c) == Outcome.BUSY
                        && !c.getStartTime().isBefore(FROM.plus(Duration.ofHours(9)))
                        && c.getStartTime().isBefore(FROM.plus(Duration.ofHours(10)))).count());
        assertThat(tally.line()).contains(cdrs.size() + " CDRs", "busy:#2@+9h..+10h = ");
    }
}
