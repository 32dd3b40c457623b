package se.legitimera.oob.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * oob-server is a server library: the JDK, Nimbus, Bouncy Castle, SLF4J and the SITHS certificate model only;
 * no PC/SC, PKCS#11, app, devkit, client, HTTP server or UI; no static state.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("se.legitimera.oob.server");

    @Test
    void dependsOnlyOnTheJdkNimbusBouncyCastleSlf4jAndTheCertificateModel() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.security..",
                "com.nimbusds..", "org.bouncycastle..", "org.slf4j..", "se.legitimera.smartcard.cert..",
                "se.legitimera.oob.server..").check(CLASSES);
    }

    @Test
    void usesNoHttpServerNoSmartcardIoAndNoUi() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.sun.net.httpserver..",
                "javax.smartcardio..", "com.sun.jna..", "javafx..", "java.awt..", "se.legitimera.smartcard.pcsc..",
                "se.legitimera.smartcard.pkcs11..", "se.legitimera.app..", "se.legitimera.devkit..",
                "se.legitimera.oob").check(CLASSES);
    }

    @Test
    void keepsNoStaticState() {
        fields().that().areStatic().should().beFinal().check(CLASSES);
    }

    @Test
    void implementationsArePackagePrivateAndFinal() {
        classes().that().haveSimpleNameStartingWith("Default").or().haveSimpleNameStartingWith("InMemory")
                .or().haveSimpleNameStartingWith("Software")
                .should().notBePublic().andShould().haveModifier(JavaModifier.FINAL).check(CLASSES);
    }
}
