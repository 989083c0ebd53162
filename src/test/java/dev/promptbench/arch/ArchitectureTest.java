package dev.promptbench.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.promptbench.clock.Clocks;
import dev.promptbench.clock.Sleeper;
import dev.promptbench.clock.Ticker;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/ARCHITECTURE.md, checked on the compiled main classes: dependencies point
 * down ({@code cli -> app -> run/client/report -> results -> stats -> results.request}), nothing depends
 * on {@code cli}, only {@code cli} knows picocli, {@code report} does not know the client, and time comes
 * only from the clock package (so every timing can be driven by a test's clock).
 */
class ArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMain() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.promptbench");
    }

    @Test
    void nothingDependsOnCli() {
        check(noClasses().that().resideOutsideOfPackage("dev.promptbench.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.promptbench.cli.."));
    }

    @Test
    void onlyCliKnowsPicocli() {
        check(noClasses().that().resideOutsideOfPackage("dev.promptbench.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli.."));
    }

    @Test
    void jacksonStaysWhereJsonIsTheFormat() {
        // JSON is the format of the results file (results), the config files (config), the API's wire (client,
        // and sim, its other side), the Batch API's files and the state file (batch), prompt files and
        // --extra-body (prompt: JsonFields turns them into typed values), the JSON documents the reporters write
        // (report, report.html: --format json, dry run, sweep, answers) and --fail-if's JSON Pointers and
        // --baseline (gate). The commands (cli) and the wiring (app) see typed values only; nor do run, control,
        // stats, cost or clock know JSON.
        check(noClasses().that().resideInAPackage("dev.promptbench..").and().resideOutsideOfPackages(
                        "dev.promptbench.results..", "dev.promptbench.config..", "dev.promptbench.client..",
                        "dev.promptbench.sim..", "dev.promptbench.batch..", "dev.promptbench.prompt..",
                        "dev.promptbench.report..", "dev.promptbench.gate..")
                .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson.."));
    }

    @Test
    void reportDoesNotKnowTheClient() {
        check(noClasses().that().resideInAnyPackage("dev.promptbench.report..", "dev.promptbench.gate..")
                .should().dependOnClassesThat().resideInAPackage("dev.promptbench.client.."));
    }

    @Test
    void onlyCliAndAppKnowApp() {
        check(noClasses().that().resideOutsideOfPackages("dev.promptbench.cli..", "dev.promptbench.app..")
                .should().dependOnClassesThat().resideInAPackage("dev.promptbench.app.."));
    }

    @Test
    void theRequestRecordDependsOnNothing() {
        check(onlyWithin("dev.promptbench.results.request..", "dev.promptbench.results.request.."));
    }

    @Test
    void statisticsKnowOnlyTheRequestRecord() {
        check(onlyWithin("dev.promptbench.stats..", "dev.promptbench.stats..", "dev.promptbench.results.request..",
                "dev.promptbench.clock.."));
    }

    @Test
    void theResultsFileKnowsOnlyTheRecordsItWrites() {
        // The format sits above the statistics: it writes request records and mode summaries alike.
        check(onlyWithin("dev.promptbench.results..", "dev.promptbench.results..", "dev.promptbench.stats..",
                "dev.promptbench.clock.."));
    }

    @Test
    void timeComesOnlyFromTheClockPackage() {
        check(noClasses().that().resideOutsideOfPackage("dev.promptbench.clock..")
                .should().callMethod(System.class, "nanoTime")
                .orShould().callMethod(System.class, "currentTimeMillis")
                // The date too: the no-argument now() reads the system's clock; now(clock) takes the injected one.
                .orShould().callMethod(Instant.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().callMethod(OffsetDateTime.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(LocalDate.class, "now"));
    }

    /**
     * The system's clocks are made once, at the edge ({@code cli}), and passed in: a class below that takes
     * them itself could not be driven by a test's clock.
     */
    @Test
    void theSystemClocksAreTakenOnlyWhereTheyAreInjectedFrom() {
        check(noClasses().that().resideOutsideOfPackages("dev.promptbench.clock..", "dev.promptbench.cli..")
                .should().callMethod(Ticker.class, "system")
                .orShould().callMethod(Sleeper.class, "system")
                .orShould().callMethod(Clocks.class, "system", Clock.class)
                .orShould().callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(Clock.class, "systemDefaultZone"));
    }

    /** Classes in {@code packages} use nothing of promptbench outside {@code allowed}. */
    private static ArchRule onlyWithin(String packages, String... allowed) {
        return noClasses().that().resideInAPackage(packages).should().dependOnClassesThat(
                resideInAPackage("dev.promptbench..").and(not(resideInAnyPackage(allowed))));
    }

    private static void check(ArchRule rule) {
        rule.check(main);
    }
}
