package conclave;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * Enforces the layering of SPEC §2 on the production code. The rules take their root package as a
 * parameter so that the same rules are also shown to fail on a deliberately broken fixture.
 */
class ArchitectureTest {
    private static final String FIXTURE = "conclave.architecture.fixture";

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("conclave");

    private static final JavaClasses BROKEN_FIXTURE = new ClassFileImporter().importPackages(FIXTURE);

    @Test
    void production_layers_dependDownwardsOnly() {
        dependencyRule("conclave").check(PRODUCTION);
    }

    @Test
    void production_layers_haveNoCycles() {
        noCycles("conclave").check(PRODUCTION);
    }

    @Test
    void production_import_seesTheLayers() {
        assertThat(PRODUCTION.containPackage("conclave.cli")).isTrue();
        assertThat(PRODUCTION.containPackage("conclave.protocol")).isTrue();
    }

    @Test
    void dependencyRule_serverUsingCli_isReported() {
        EvaluationResult result = dependencyRule(FIXTURE).evaluate(BROKEN_FIXTURE);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line)
                        .contains("fixture.server.SessionHandler")
                        .contains("fixture.cli.SendCommand"));
    }

    @Test
    void dependencyRule_protocolUsingIdentity_isReported() {
        EvaluationResult result = dependencyRule(FIXTURE).evaluate(BROKEN_FIXTURE);

        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line)
                        .contains("fixture.protocol.SignedFrame")
                        .contains("fixture.identity.KeyRing"));
    }

    @Test
    void noCycles_identityAndProtocolUsingEachOther_isReported() {
        EvaluationResult result = noCycles(FIXTURE).evaluate(BROKEN_FIXTURE);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("Cycle detected");
    }

    /** Which layer may use which: dependencies point downwards only. */
    private static ArchRule dependencyRule(String root) {
        return layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .withOptionalLayers(true) // a layer with no classes yet is not an error
                .layer("cli").definedBy(root + ".cli..")
                .layer("ui").definedBy(root + ".ui..")
                .layer("bridge").definedBy(root + ".bridge..")
                .layer("client").definedBy(root + ".client..")
                .layer("server").definedBy(root + ".server..")
                .layer("store").definedBy(root + ".store..")
                .layer("identity").definedBy(root + ".identity..")
                .layer("protocol").definedBy(root + ".protocol..")
                .layer("config").definedBy(root + ".config..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("ui").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("ui").mayOnlyAccessLayers("client", "protocol", "identity", "config")
                .whereLayer("bridge").mayOnlyAccessLayers("client", "protocol", "identity", "config")
                .whereLayer("client").mayOnlyAccessLayers("protocol", "identity", "config")
                .whereLayer("server").mayOnlyAccessLayers("store", "protocol", "identity", "config")
                .whereLayer("store").mayOnlyAccessLayers("protocol", "identity", "config")
                .whereLayer("identity").mayNotAccessAnyLayer()
                .whereLayer("protocol").mayNotAccessAnyLayer()
                .whereLayer("config").mayNotAccessAnyLayer()
                .because("SPEC §2 layers conclave with cli on top, bridge and ui over client, server over store,"
                        + " and identity, protocol and config at the bottom");
    }

    /** No two top-level packages under the root depend on each other, directly or in a ring. */
    private static ArchRule noCycles(String root) {
        return slices().matching(root + ".(*)..")
                .should().beFreeOfCycles()
                .because("a cycle between layers would make them one layer");
    }
}
