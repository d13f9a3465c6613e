package org.hotlinepulse.simulate;

import org.hotlinepulse.directory.Directory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultSpecUnitTest {
    static final Instant START = Instant.parse("2026-10-12T00:00:00Z");
    static Directory directory;

    @BeforeAll
    static void load() throws Exception {
        directory = Directory.load(Path.of("src/test/resources/job/directory.yaml"));
    }

    private static List<Fault> parse(String spec) throws FaultSpecException {
        return FaultSpec.parse(spec, START, directory);
    }

    @Test
    void offsetsCountFromTheStart() throws Exception {
        Fault busy = parse("busy:037167890001@+2h..+3h30m").get(0);
        assertThat(busy.kind()).isEqualTo(FaultKind.BUSY);
        assertThat(busy.target()).isEqualTo("037167890001");
        assertThat(busy.onset()).isEqualTo(START.plus(Duration.ofHours(2)));
        assertThat(busy.repair()).isEqualTo(START.plus(Duration.ofMinutes(210)));
        assertThat(busy.spec()).isEqualTo("busy:037167890001@+2h..+3h30m");
    }

    @Test
    void withoutASpanAFaultLastsTheWholeRunAndWithoutARepairToTheEnd() throws Exception {
        Fault whole = parse("ivr-dead-end:12345").get(0);
        assertThat(whole.onset()).isEqualTo(START);
        assertThat(whole.repair()).isNull();
        Fault openEnded = parse("silent:12345@+1d..").get(0);
        assertThat(openEnded.onset()).isEqualTo(START.plus(Duration.ofDays(1)));
        assertThat(openEnded.repair()).isNull();
        Fault untilRepair = parse("silent:12345@..+45m").get(0);
        assertThat(untilRepair.onset()).isEqualTo(START);
        assertThat(untilRepair.repair()).isEqualTo(START.plus(Duration.ofMinutes(45)));
    }

    @Test
    void absoluteTimesAndLineIndexes() throws Exception {
        Fault fault = parse("out-of-service:#2@2026-10-12T09:00+08:00..2026-10-12T10:15+08:00").get(0);
        assertThat(fault.target()).isEqualTo("037167890002");
        assertThat(fault.onset()).isEqualTo(Instant.parse("2026-10-12T01:00:00Z"));
        assertThat(fault.repair()).isEqualTo(Instant.parse("2026-10-12T02:15:00Z"));
        assertThat(fault.activeAt(Instant.parse("2026-10-12T01:00:00Z").toEpochMilli())).isTrue();
        assertThat(fault.activeAt(Instant.parse("2026-10-12T02:15:00Z").toEpochMilli())).isFalse();
    }

    @Test
    void severalFaultsSeparatedBySemicolons() throws Exception {
        List<Fault> faults = parse("busy:#1@+1h..+2h; high-abandonment:12345 ;unregistered:037199990000@+3h;"
                + "probe-failed:#3");
        assertThat(faults).extracting(Fault::kind).containsExactly(FaultKind.BUSY, FaultKind.HIGH_ABANDONMENT,
                FaultKind.UNREGISTERED, FaultKind.PROBE_FAILED);
        assertThat(faults).extracting(Fault::target).containsExactly("037167890001", "12345", "037199990000", "12345");
    }

    @Test
    void anUnknownKindNamesTheFaultAndListsTheKinds() {
        assertThatThrownBy(() -> parse("bussy:12345@+1h"))
                .isInstanceOf(FaultSpecException.class)
                .hasMessage("fault \"bussy:12345@+1h\": kind \"bussy\" is not one of out-of-service, busy, "
                        + "ivr-dead-end, silent, high-abandonment, unregistered, probe-failed, feed-down");
    }

    @Test
    void targetsMustBeLinesOfTheDirectoryExceptForUnregistered() {
        assertThatThrownBy(() -> parse("busy:037100000000"))
                .hasMessage("fault \"busy:037100000000\": target 037100000000 is not a line of the directory");
        assertThatThrownBy(() -> parse("busy:#4"))
                .hasMessage("fault \"busy:#4\": target #4 is not a line of the directory (it has 3 lines, #1 to #3)");
        assertThatThrownBy(() -> parse("busy:@+1h")).hasMessageStartingWith("fault \"busy:@+1h\": target is missing");
        assertThatThrownBy(() -> parse("unregistered:12345"))
                .hasMessage("fault \"unregistered:12345\": target 12345 is in the directory; "
                        + "unregistered needs a number that is not");
        assertThatThrownBy(() -> parse("unregistered:#1")).hasMessageContaining("target \"#1\" must be a dialled number");
    }

    @Test
    void aFeedDownTargetsADepartmentWhosePbxFeedDies() throws Exception {
        Fault feedDown = parse("feed-down:zz-12345@+80m..+110m").get(0);
        assertThat(feedDown.kind()).isEqualTo(FaultKind.FEED_DOWN);
        assertThat(feedDown.target()).isEqualTo("zz-12345");
        assertThat(feedDown.onset()).isEqualTo(START.plus(Duration.ofMinutes(80)));
        assertThat(feedDown.repair()).isEqualTo(START.plus(Duration.ofMinutes(110)));
    }

    @Test
    void aFeedDownOfAnUnknownDepartmentListsTheValidOnes() {
        assertThatThrownBy(() -> parse("feed-down:12345@+1h"))
                .isInstanceOf(FaultSpecException.class)
                .hasMessage("fault \"feed-down:12345@+1h\": target \"12345\" is not a department of the directory; "
                        + "feed-down needs a department id: zz-social-security, zz-12345");
        assertThatThrownBy(() -> parse("feed-down:@+1h"))
                .hasMessage("fault \"feed-down:@+1h\": target is missing; "
                        + "feed-down needs a department id: zz-social-security, zz-12345");
        assertThatThrownBy(() -> parse("busy:zz-12345"))
                .hasMessage("fault \"busy:zz-12345\": target zz-12345 is not a line of the directory");
    }

    @Test
    void badTimesNameTheField() {
        assertThatThrownBy(() -> parse("busy:12345@+2x..+3h"))
                .hasMessageStartingWith("fault \"busy:12345@+2x..+3h\": onset \"+2x\" is neither an offset");
        assertThatThrownBy(() -> parse("busy:12345@+2h..tomorrow"))
                .hasMessageStartingWith("fault \"busy:12345@+2h..tomorrow\": repair \"tomorrow\" is neither");
        assertThatThrownBy(() -> parse("busy:12345@+3h..+2h"))
                .hasMessage("fault \"busy:12345@+3h..+2h\": repair +2h is not after onset +3h");
        assertThatThrownBy(() -> parse("busy"))
                .hasMessageStartingWith("fault \"busy\": expected KIND:TARGET[@ONSET..REPAIR]");
    }
}
