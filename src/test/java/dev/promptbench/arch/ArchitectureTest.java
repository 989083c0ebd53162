package dev.promptbench.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.promptbench.client.Attempts;
import dev.promptbench.client.ConnectionTimes;
import dev.promptbench.client.ServiceTier;
import dev.promptbench.client.StreamMetrics;
import dev.promptbench.client.ThrottleCause;
import dev.promptbench.client.ThrottleCounts;
import dev.promptbench.client.Usage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/ARCHITECTURE.md, checked on the compiled main classes: dependencies point
 * down ({@code cli -> app -> run/client/report -> stats/results}), nothing depends on {@code cli}, only
 * {@code cli} knows picocli, {@code report} does not know the client, and time comes only from the clock
 * package (so every timing can be driven by a test's clock).
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
    void reportDoesNotKnowTheClient() {
        // Exempt: the per-request values the client fills in (tokens, attempts, stream timing, connection
        // phases, the tier that served) are parts of the results record; they belong in results, a move
        // left for when the client work in flight has landed.
        DescribedPredicate<JavaClass> recordParts = JavaClass.Predicates.belongToAnyOf(Usage.class, Attempts.class,
                ThrottleCounts.class, ThrottleCause.class, StreamMetrics.class, ConnectionTimes.class,
                ServiceTier.class);
        check(noClasses().that().resideInAnyPackage("dev.promptbench.report..", "dev.promptbench.gate..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.promptbench.client..")
                        .and(DescribedPredicate.not(recordParts))));
    }

    @Test
    void onlyCliAndAppKnowApp() {
        check(noClasses().that().resideOutsideOfPackages("dev.promptbench.cli..", "dev.promptbench.app..")
                .should().dependOnClassesThat().resideInAPackage("dev.promptbench.app.."));
    }

    @Test
    void statisticsAndResultsDependOnNothingAboveThem() {
        check(noClasses().that().resideInAnyPackage("dev.promptbench.stats..", "dev.promptbench.results..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.promptbench.report..",
                        "dev.promptbench.gate..", "dev.promptbench.control..", "dev.promptbench.sim..",
                        "dev.promptbench.batch..", "dev.promptbench.config.."));
    }

    @Test
    void timeComesOnlyFromTheClockPackage() {
        check(noClasses().that().resideOutsideOfPackage("dev.promptbench.clock..")
                .should().callMethod(System.class, "nanoTime")
                .orShould().callMethod(System.class, "currentTimeMillis"));
    }

    private static void check(ArchRule rule) {
        rule.check(main);
    }
}
