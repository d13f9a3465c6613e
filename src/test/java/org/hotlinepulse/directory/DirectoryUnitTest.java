package org.hotlinepulse.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DirectoryUnitTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static Directory directory;

    @BeforeAll
    static void load() throws DirectoryException, URISyntaxException {
        directory = Directory.load(Path.of(DirectoryUnitTest.class.getResource("/directory/zhengzhou.yaml").toURI()));
    }

    private static Instant sh(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    @Test
    void departmentsInFileOrder() {
        assertThat(directory.departments()).extracting(Department::id)
                .containsExactly("zz-social-security", "zz-medical-insurance", "zz-12345", "zj-safety-report");
        assertThat(directory.department("zz-social-security")).isEqualTo(new Department("zz-social-security", "郑州市社会保险中心"));
        assertThat(directory.department("zz-unknown")).isNull();
    }

    @Test
    void aLineWithEveryField() {
        Line line = directory.line("037167890001");

        assertThat(line.number()).isEqualTo("037167890001");
        assertThat(line.departmentId()).isEqualTo("zz-social-security");
        assertThat(line.name()).isEqualTo("中原区社保咨询");
        assertThat(line.hours().text()).isEqualTo("Mon-Fri 08:30-12:00,14:30-17:30");
        assertThat(line.expectedCallsPerHour()).isEqualTo(OptionalDouble.of(12));
        assertThat(line.thresholds()).containsExactly(Map.entry("constant_busy_share", 0.8));
        assertThat(line.threshold(ThresholdKey.CONSTANT_BUSY_SHARE)).isEqualTo(OptionalDouble.of(0.8));
        assertThat(line.threshold(ThresholdKey.CONSTANT_BUSY_MIN_ATTEMPTS)).isEmpty();
    }

    @Test
    void optionalFieldsAndFreeFormValues() {
        assertThat(directory.line("037167890002").expectedCallsPerHour()).isEmpty();
        assertThat(directory.line("037167890002").thresholds()).isEmpty();
        assertThat(directory.line("037168880001").expectedCallsPerHour()).isEqualTo(OptionalDouble.of(0.5));
        assertThat(directory.line("12345")).as("an unquoted short number becomes its decimal string").isNotNull();
        assertThat(directory.line("12345").hours().isAlways()).isTrue();
        assertThat(directory.line("12345").thresholds()).containsExactly(
                Map.entry("high_abandonment_rate", 0.3),
                Map.entry("high_abandonment_resolve_rate", 0.2),
                Map.entry("unanswered_window_minutes", 10.0));
        assertThat(directory.line("+8637162100001").name()).as("a line without a name is named by its number")
                .isEqualTo("+8637162100001");
    }

    @Test
    void lookupOfAnUnknownNumberIsNull() {
        assertThat(directory.line("037100000000")).isNull();
        assertThat(directory.line("37167890001")).isNull();
    }

    @Test
    void linesInFileOrderAndByDepartment() {
        assertThat(directory.lines()).extracting(Line::number)
                .containsExactly("037167890001", "037167890002", "037168880001", "12345", "+8637162100001");
        assertThat(directory.linesOf("zz-social-security")).extracting(Line::number)
                .containsExactly("037167890001", "037167890002");
        assertThat(directory.linesOf("zz-unknown")).isEmpty();
    }

    @Test
    void theCalendar() {
        ServiceCalendar calendar = directory.calendar();

        assertThat(calendar.zone()).isEqualTo(SHANGHAI);
        assertThat(calendar.holidays()).hasSize(5).contains(LocalDate.of(2026, 10, 5));
        assertThat(calendar.workdays()).containsExactly(LocalDate.of(2026, 10, 10));
        assertThat(calendar.isOpen(directory.line("037167890001").hours(), sh("2026-10-10T09:00"))).isTrue();
    }

    @Test
    void closuresWithAndWithoutAnOffset() {
        assertThat(directory.closures()).containsExactly(
                new Closure(Set.of("037167890001"), Instant.parse("2026-10-20T00:00:00Z"), Instant.parse("2026-10-20T04:00:00Z"), "线路割接"),
                new Closure(Set.of("037167890001", "037167890002"), sh("2026-10-21T14:00"), sh("2026-10-21T15:30"), "系统升级"));
        assertThat(directory.closuresOf("037167890002")).hasSize(1);
        assertThat(directory.closuresOf("12345")).isEmpty();
    }

    @Test
    void plannedClosuresAreHalfOpen() {
        assertThat(directory.isClosedForPlannedWork("037167890001", sh("2026-10-20T07:59:59"))).isFalse();
        assertThat(directory.isClosedForPlannedWork("037167890001", sh("2026-10-20T08:00"))).isTrue();
        assertThat(directory.isClosedForPlannedWork("037167890001", sh("2026-10-20T11:59:59"))).isTrue();
        assertThat(directory.isClosedForPlannedWork("037167890001", sh("2026-10-20T12:00"))).isFalse();
        assertThat(directory.isClosedForPlannedWork("037167890002", sh("2026-10-20T09:00"))).isFalse();
        assertThat(directory.isClosedForPlannedWork("037167890002", sh("2026-10-21T14:30"))).isTrue();
        assertThat(directory.isClosedForPlannedWork("037100000000", sh("2026-10-21T14:30"))).isFalse();
    }

    @Test
    void scheduledServiceTimeLeavesOutPlannedClosures() {
        // 20 Oct: 6.5 h of service, of which 08:30-12:00 closed. 21 Oct: 14:30-15:30 of the closure is in service.
        assertThat(directory.scheduledServiceTime("037167890001", sh("2026-10-20T00:00"), sh("2026-10-21T00:00")))
                .isEqualTo(Duration.ofHours(3));
        assertThat(directory.scheduledServiceTime("037167890001", sh("2026-10-21T00:00"), sh("2026-10-22T00:00")))
                .isEqualTo(Duration.ofMinutes(330));
        assertThat(directory.scheduledServiceTime("12345", sh("2026-10-20T00:00"), sh("2026-10-21T00:00")))
                .isEqualTo(Duration.ofHours(24));
        assertThatThrownBy(() -> directory.scheduledServiceTime("037100000000", sh("2026-10-20T00:00"), sh("2026-10-21T00:00")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 037100000000 is not in the directory");
    }

    @Test
    void overlappingClosuresAreCountedOnce() {
        Line line = new Line("12345", "d", null, ServiceHours.always(), OptionalDouble.empty(), Map.of());
        Directory d = Directory.of(new ServiceCalendar(SHANGHAI), List.of(new Department("d", "部门")), List.of(line), List.of(
                new Closure(Set.of("12345"), sh("2026-10-20T08:00"), sh("2026-10-20T12:00"), "a"),
                new Closure(Set.of("12345"), sh("2026-10-20T10:00"), sh("2026-10-20T14:00"), "b")));

        assertThat(d.scheduledServiceTime("12345", sh("2026-10-20T00:00"), sh("2026-10-21T00:00"))).isEqualTo(Duration.ofHours(18));
    }

    @Test
    void collectionsAreReadOnly() {
        assertThatThrownBy(() -> directory.lines().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> directory.closures().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> directory.line("037167890001").thresholds().put("constant_busy_share", 0.1))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> directory.closures().get(0).lines().add("12345"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(directory);
        }
        Directory copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (Directory) in.readObject();
        }

        assertThat(copy).isEqualTo(directory).hasSameHashCodeAs(directory);
        assertThat(copy.line("037168880001").expectedCallsPerHour()).isEqualTo(OptionalDouble.of(0.5));
        assertThat(copy.line("037167890002").expectedCallsPerHour()).isEmpty();
        assertThat(copy.calendar().isOpen(copy.line("037167890001").hours(), sh("2026-10-05T10:00"))).isFalse();
        assertThat(copy.isClosedForPlannedWork("037167890001", sh("2026-10-20T09:00"))).isTrue();
        assertThat(copy.linesOf("zz-social-security")).hasSize(2);
    }

    /**
     * Flink serializes a type it cannot analyse (a Directory in broadcast state, say) with Kryo,
     * which cannot rebuild the JDK's Collections.unmodifiable* wrappers (it fills a collection
     * with add()). So no object of a directory may hold one; read-only views are made in accessors.
     */
    @Test
    void holdsNoReadOnlyWrappersThatKryoCannotRebuild() throws IllegalAccessException {
        List<String> wrappers = new ArrayList<>();
        collectWrappers(directory, "directory", wrappers, Collections.newSetFromMap(new IdentityHashMap<>()));

        assertThat(wrappers).isEmpty();
    }

    private static void collectWrappers(Object o, String path, List<String> wrappers, Set<Object> seen)
            throws IllegalAccessException {
        if (o == null || !seen.add(o)) {
            return;
        }
        Class<?> type = o.getClass();
        if (type.getName().startsWith("java.util.Collections$")) {
            wrappers.add(path + ": " + type.getName());
            return;
        }
        if (o instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                collectWrappers(element, path + "[" + i++ + "]", wrappers, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                collectWrappers(e.getValue(), path + "[" + e.getKey() + "]", wrappers, seen);
            }
            return;
        }
        if (!type.getPackageName().equals(Directory.class.getPackageName())) {
            return;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    field.setAccessible(true);
                    collectWrappers(field.get(o), path + "." + field.getName(), wrappers, seen);
                }
            }
        }
    }

    @Test
    void theExampleDirectoryLoads() throws DirectoryException {
        Directory example = Directory.load(Path.of("examples/directory.yaml"));

        assertThat(example.departments()).hasSize(4);
        assertThat(example.lines()).hasSize(10);
        assertThat(example.lines()).filteredOn(l -> l.hours().isAlways()).hasSize(4);
        assertThat(example.closures()).hasSize(1);
        assertThat(example.calendar().workdays()).containsExactly(LocalDate.of(2026, 10, 10));
        assertThat(example.line("12345").threshold(ThresholdKey.CONSTANT_BUSY_SHARE)).isEqualTo(OptionalDouble.of(0.9));
    }

    @Test
    void buildingFromPartsChecksReferences() {
        ServiceCalendar calendar = new ServiceCalendar(SHANGHAI);
        Department department = new Department("d", "部门");
        Line line = new Line("12345", "d", "热线", ServiceHours.always(), OptionalDouble.empty(), null);
        Line orphan = new Line("12346", "x", "热线", ServiceHours.always(), OptionalDouble.empty(), null);

        assertThat(Directory.of(calendar, List.of(department), List.of(line), List.of()).line("12345")).isEqualTo(line);
        assertThatThrownBy(() -> Directory.of(calendar, List.of(department, department), List.of(line), List.of()))
                .hasMessage("duplicate department id d");
        assertThatThrownBy(() -> Directory.of(calendar, List.of(department), List.of(line, line), List.of()))
                .hasMessage("duplicate line number 12345");
        assertThatThrownBy(() -> Directory.of(calendar, List.of(department), List.of(orphan), List.of()))
                .hasMessage("line 12346: department \"x\" is not defined in departments");
        assertThatThrownBy(() -> Directory.of(calendar, List.of(department), List.of(line), List.of(
                new Closure(Set.of("99999"), sh("2026-10-20T08:00"), sh("2026-10-20T12:00"), "割接"))))
                .hasMessage("closure (割接) names line 99999, which is not in the directory");
    }

    @Test
    void linesValidateTheirValues() {
        ServiceHours always = ServiceHours.always();

        assertThatThrownBy(() -> new Line("0371 6789", "d", null, always, OptionalDouble.empty(), null))
                .hasMessage("number \"0371 6789\" must be digits only, optionally after a +");
        assertThatThrownBy(() -> new Line("12345", "d", null, always, OptionalDouble.of(-1), null))
                .hasMessage("line 12345: expected_calls_per_hour -1.0 must be zero or more");
        assertThatThrownBy(() -> new Line("12345", "d", null, always, OptionalDouble.empty(), Map.of("busy_share", 0.8)))
                .hasMessage("line 12345: unknown threshold \"busy_share\"");
        assertThatThrownBy(() -> new Line("12345", "d", null, always, OptionalDouble.empty(), Map.of("constant_busy_share", 80.0)))
                .hasMessage("line 12345: threshold constant_busy_share 80 must be a share above 0 and at most 1, such as 0.8");
        assertThat(new Line("12345", "d", " ", always, OptionalDouble.empty(), null).name()).isEqualTo("12345");
    }

    @Test
    void closuresMustEndAfterTheyStart() {
        assertThatThrownBy(() -> new Closure(Set.of("12345"), sh("2026-10-20T12:00"), sh("2026-10-20T12:00"), "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Closure(Set.of(), sh("2026-10-20T08:00"), sh("2026-10-20T12:00"), "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
