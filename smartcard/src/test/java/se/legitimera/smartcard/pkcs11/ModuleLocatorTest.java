package se.legitimera.smartcard.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import se.legitimera.smartcard.pkcs11.ModuleLocator.OperatingSystem;

class ModuleLocatorTest {

    @Test
    void explicitModuleComesFirstThenTheDefaults() {
        Path mine = Path.of("/opt/custom/libmy-p11.so");
        ModuleLocator locator = ModuleLocator.builder().withOperatingSystem(OperatingSystem.LINUX)
                .withModule(mine).withFileCheck(p -> true).build();
        assertThat(locator.candidates().getFirst()).isEqualTo(mine);
        assertThat(locator.candidates()).contains(
                Path.of("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"),
                Path.of("/usr/lib/x86_64-linux-gnu/pkcs11/opensc-pkcs11.so"),
                Path.of("/usr/lib/libeTPkcs11.so"), Path.of("/usr/lib/libIDPrimePKCS11.so"),
                Path.of("/usr/lib/libiidp11.so"));
    }

    @Test
    void eachOsHasTheFieldsMiddleware() {
        assertThat(names(OperatingSystem.WINDOWS)).contains("opensc-pkcs11.dll", "eTPKCS11.dll", "iidp11.dll");
        assertThat(names(OperatingSystem.MACOS)).contains("opensc-pkcs11.dylib", "libIDPrimePKCS11.dylib", "libiidp11.dylib");
    }

    @Test
    void onlyExistingFilesArePresent() {
        Path opensc = Path.of("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so");
        ModuleLocator locator = ModuleLocator.builder().withOperatingSystem(OperatingSystem.LINUX)
                .withFileCheck(opensc::equals).build();
        assertThat(locator.present()).containsExactly(opensc);
    }

    @Test
    void withoutDefaultsOnlyTheExplicitModuleIsACandidate() {
        Path mine = Path.of("/opt/softhsm/libsofthsm2.so");
        assertThat(ModuleLocator.builder().withDefaults(false).withModule(mine).build().candidates()).containsExactly(mine);
    }

    private static java.util.List<String> names(OperatingSystem os) {
        return ModuleLocator.builder().withOperatingSystem(os).build().candidates().stream()
                .map(p -> { String s = p.toString(); return s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')) + 1); })
                .toList();
    }
}
