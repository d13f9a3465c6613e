package org.hotlinepulse;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layers of README.md ("Architecture"): the core ({@code cdr}, {@code directory}, {@code pipeline},
 * {@code metrics}, {@code alerts}, and {@code lines}, which keeps both per line in one keyed operator) knows nothing of how the job is run or where its output goes, metrics and alerts
 * do not know each other, and no two top-level packages depend on each other in a cycle.
 */
class ArchitectureUnitTest {

    private static final String[] RUNNING_AND_ADAPTERS = {"..job..", "..live..", "..replay..", "..demo..", "..cli..",
        "..ingest..", "..postgres..", "..kafka..", "..alertmanager..", "..dashboard..", "..sinks..", "..assessment..",
        "..simulate..", "..config.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.hotlinepulse");
    }

    @Test
    void theCoreImportsNothingOfHowTheJobRunsOrWhereItsOutputGoes() {
        noClasses().that().resideInAnyPackage("..hotlinepulse.cdr..", "..hotlinepulse.directory..",
                        "..hotlinepulse.pipeline..", "..hotlinepulse.metrics..", "..hotlinepulse.alerts..",
                        "..hotlinepulse.lines..", "..hotlinepulse.monitoring..")
                .should().dependOnClassesThat().resideInAnyPackage(RUNNING_AND_ADAPTERS)
                .check(classes);
    }

    @Test
    void metricsAndAlertsDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("..hotlinepulse.metrics..")
                .should().dependOnClassesThat().resideInAPackage("..hotlinepulse.alerts..").check(classes);
        noClasses().that().resideInAPackage("..hotlinepulse.alerts..")
                .should().dependOnClassesThat().resideInAPackage("..hotlinepulse.metrics..").check(classes);
    }

    @Test
    void theReadersKnowNothingOfTheStreamJob() {
        noClasses().that().resideInAnyPackage("..hotlinepulse.cdr..", "..hotlinepulse.directory..")
                .should().dependOnClassesThat().resideInAnyPackage("..hotlinepulse.pipeline..",
                        "..hotlinepulse.metrics..", "..hotlinepulse.alerts..")
                .check(classes);
    }

    @Test
    void noTwoPackagesDependOnEachOther() {
        slices().matching("org.hotlinepulse.(*)..").should().beFreeOfCycles().check(classes);
    }
}
