package io.strata.standalone.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The rules of ARCHITECTURE.md that can be checked on the compiled code. The standalone sees every
 * module's classes, so the rules live here; each names the rule it enforces.
 */
class ArchitectureRulesTest {
    /** The processing-group prefix of each module, by its root package. */
    static final Map<String, String> GROUP_PREFIX_BY_PACKAGE = Map.of(
            "io.strata.command", "command.",
            "io.strata.query", "query.",
            "io.strata.provisioner", "provisioner.",
            "io.strata.webhooks", "webhooks.");

    private static JavaClasses strata;

    @BeforeAll
    static void importProductionClasses() {
        strata = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/io/strata/testing/"))
                .importPackages("io.strata");
    }

    // Rule 2: every event handler class has an explicit, globally unique @ProcessingGroup. A module
    // prefix makes two processes' groups distinct by construction (they share token_entry).
    @Test
    void everyEventHandlerAndSagaHasAnExplicitGroupWithItsModulesPrefix() {
        ArchRule rule = classes().that(handleEvents()).should(haveAGroupWithTheirModulesPrefix());
        rule.check(strata);
    }

    // Rule 1 and the layering: processes talk only through events, so no process's code depends on another's.
    @Test
    void processesDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("io.strata.command..")
                .should().dependOnClassesThat().resideInAnyPackage("io.strata.query..", "io.strata.provisioner..",
                        "io.strata.webhooks..")
                .check(strata);
        noClasses().that().resideInAPackage("io.strata.query..")
                .should().dependOnClassesThat().resideInAnyPackage("io.strata.command..", "io.strata.provisioner..",
                        "io.strata.webhooks..", "io.strata.engines..")
                .check(strata);
        noClasses().that().resideInAPackage("io.strata.provisioner..")
                .should().dependOnClassesThat().resideInAnyPackage("io.strata.command..", "io.strata.query..")
                .check(strata);
    }

    // The webhooks library folds the views it needs itself: nothing from query-service, or from the processes.
    @Test
    void webhooksDependOnNoProcess() {
        noClasses().that().resideInAPackage("io.strata.webhooks..")
                .should().dependOnClassesThat().resideInAnyPackage("io.strata.query..", "io.strata.command..",
                        "io.strata.provisioner..", "io.strata.engines..")
                .check(strata);
    }

    // Rule 4: only provisioner-saga uses tenant databases; command-service only to verify a registration.
    @Test
    void onlyTheProvisionerAndTheRegistrationCheckUseEngines() {
        classes().that().resideInAPackage("io.strata.engines..")
                .should().onlyHaveDependentClassesThat(resideInEnginesTheProvisionerOrTheRegistrationCheck())
                .check(strata);
    }

    // Aggregates decide; the platform turns their refusals into HTTP. No web type in an aggregate.
    @Test
    void aggregatesImportNothingFromTheWebLayer() {
        noClasses().that().areAnnotatedWith(Aggregate.class)
                .should().dependOnClassesThat().resideInAnyPackage("io.strata.platform.web..",
                        "org.springframework.web..", "org.springframework.http..", "jakarta.servlet..")
                .check(strata);
    }

    // The contract is plain records: no Spring, no platform, no process.
    @Test
    void theContractDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("io.strata.contract..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.strata.platform..",
                        "io.strata.command..", "io.strata.query..", "io.strata.provisioner..", "io.strata.webhooks..",
                        "io.strata.engines..")
                .check(strata);
    }

    // engines is a library: it knows no web layer and no process.
    @Test
    void enginesIsALibraryWithoutWeb() {
        noClasses().that().resideInAPackage("io.strata.engines..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..",
                        "org.springframework.http..", "jakarta.servlet..", "io.strata.platform.web..",
                        "io.strata.command..", "io.strata.query..", "io.strata.provisioner..", "io.strata.webhooks..")
                .check(strata);
    }

    private static DescribedPredicate<JavaClass> handleEvents() {
        return DescribedPredicate.describe("handle events (@EventHandler or @SagaEventHandler methods)",
                c -> c.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(EventHandler.class)
                        || m.isAnnotatedWith(SagaEventHandler.class)));
    }

    private static ArchCondition<JavaClass> haveAGroupWithTheirModulesPrefix() {
        return new ArchCondition<>("have an explicit @ProcessingGroup with their module's prefix") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                String prefix = GROUP_PREFIX_BY_PACKAGE.entrySet().stream()
                        .filter(e -> c.getPackageName().equals(e.getKey()) || c.getPackageName().startsWith(e.getKey() + "."))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
                if (prefix == null) {
                    events.add(SimpleConditionEvent.violated(c, c.getName() + " handles events outside a process module"));
                    return;
                }
                if (!c.isAnnotatedWith(ProcessingGroup.class)) {
                    events.add(SimpleConditionEvent.violated(c, c.getName() + " has no @ProcessingGroup"));
                    return;
                }
                String group = c.getAnnotationOfType(ProcessingGroup.class).value();
                events.add(new SimpleConditionEvent(c, group.startsWith(prefix) && group.length() > prefix.length(),
                        c.getName() + " is in group '" + group + "', expected a name starting with '" + prefix + "'"));
            }
        };
    }

    private static DescribedPredicate<JavaClass> resideInEnginesTheProvisionerOrTheRegistrationCheck() {
        return DescribedPredicate.describe("reside in engines, provisioner-saga or the registration check",
                c -> c.getPackageName().startsWith("io.strata.engines")
                        || c.getPackageName().startsWith("io.strata.provisioner")
                        || c.getName().startsWith("io.strata.command.database.RegistrationVerifier"));
    }
}
