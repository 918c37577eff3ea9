package conclave.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The protocol layer is the bottom of the stack: the JDK and Jackson, nothing else. */
class ProtocolDependenciesTest {
    @Test
    void protocolClasses_dependOnlyOnTheJdkAndJackson() {
        JavaClasses protocol = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("conclave.protocol");

        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("conclave.protocol", "java..", "tools.jackson..")
                .check(protocol);
    }
}
