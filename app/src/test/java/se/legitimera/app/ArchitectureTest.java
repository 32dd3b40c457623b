package se.legitimera.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The house rules of docs/architecture.md that a dependency check can see. */
@AnalyzeClasses(packages = "se.legitimera", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule librariesNeverTouchUiToolkits = noClasses()
            .that().resideInAnyPackage("se.legitimera.smartcard..", "se.legitimera.oob..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "javax.swing..")
            .because("smartcard, smartcard-cert, oob-auth and oob-server are libraries that know nothing of any UI");

    @ArchTest
    static final ArchRule onlyTheAppUsesLogback = noClasses()
            .that().resideOutsideOfPackage("se.legitimera.app..")
            .should().dependOnClassesThat().resideInAnyPackage("ch.qos.logback..")
            .because("libraries log through the SLF4J API; the app alone chooses Logback");

    @ArchTest
    static final ArchRule uiNeverTalksPcscOrHttp = noClasses()
            .that().resideInAnyPackage("se.legitimera.app.ui..", "se.legitimera.app.tray..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "javax.smartcardio..", "org.apache.hc..", "java.net.http..", "com.sun.net.httpserver..",
                    "com.sun.jna..")
            .because("the UI reaches cards and services only through the libraries' interfaces");

    @ArchTest
    static final ArchRule librariesNeverReachTheAppOrTheDevkit = noClasses()
            .that().resideInAnyPackage("se.legitimera.smartcard..", "se.legitimera.oob..")
            .should().dependOnClassesThat().resideInAnyPackage("se.legitimera.app..", "se.legitimera.devkit..");

    @ArchTest
    static final ArchRule appNeverDependsOnTheServerSide = noClasses()
            .that().resideInAnyPackage("se.legitimera.app..")
            .should().dependOnClassesThat().resideInAnyPackage("se.legitimera.oob.server..")
            .because("oob-server is the protocol's server half for identity providers; the app is a client");

    @ArchTest
    static final ArchRule theServerSideUsesNoSmartcardInternalsAndNoClient = noClasses()
            .that().resideInAnyPackage("se.legitimera.oob.server..")
            .should().dependOnClassesThat().resideInAnyPackage("se.legitimera.smartcard.api..",
                    "se.legitimera.smartcard.pcsc..", "se.legitimera.smartcard.pkcs11..", "se.legitimera.smartcard.pin..",
                    "se.legitimera.smartcard.idprime..", "se.legitimera.smartcard.profile..", "se.legitimera.smartcard.tls..",
                    "se.legitimera.oob", "se.legitimera.oob.internal..", "se.legitimera.oob.card..", "se.legitimera.oob.demo..",
                    "javax.smartcardio..", "com.sun.jna..", "com.sun.net.httpserver..", "org.apache.hc..")
            .because("a server gets the SITHS certificate model (smartcard-cert) and nothing of PC/SC, PKCS#11 or the client");

    @ArchTest
    static final ArchRule theCertificateModelStandsAlone = noClasses()
            .that().resideInAnyPackage("se.legitimera.smartcard.cert..")
            .should().dependOnClassesThat().resideInAnyPackage("se.legitimera.smartcard.api..",
                    "se.legitimera.smartcard.pcsc..", "se.legitimera.smartcard.pkcs11..", "se.legitimera.smartcard.pin..",
                    "se.legitimera.smartcard.idprime..", "se.legitimera.smartcard.profile..", "se.legitimera.smartcard.tls..",
                    "javax.smartcardio..", "com.sun.jna..")
            .because("smartcard-cert is shared by the app and servers (oob-server) and must not drag PC/SC or JNA along");

    @ArchTest
    static final ArchRule appReachesTheDevkitOnlyThroughServiceLoader = noClasses()
            .that().resideInAnyPackage("se.legitimera.app..")
            .should().dependOnClassesThat().resideInAnyPackage("se.legitimera.devkit..")
            .because("installers ship without devkit; demo mode finds it through ServiceLoader");
}
