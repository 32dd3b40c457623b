package se.legitimera.smartcard.pkcs11;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import se.legitimera.smartcard.pkcs11.ModuleLocator.OperatingSystem;

/**
 * Where the field's middleware installs its PKCS#11 module on each OS. Order: OpenSC, SafeNet
 * (SAC / IDPrime), Net iD. A card seen by several modules shows up once per module.
 */
final class DefaultModulePaths {

    private DefaultModulePaths() {
    }

    static List<Path> forOs(OperatingSystem os) {
        return switch (os) {
            case LINUX -> paths(
                    "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
                    "/usr/lib/x86_64-linux-gnu/pkcs11/opensc-pkcs11.so",
                    "/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so",
                    "/usr/lib64/opensc-pkcs11.so",
                    "/usr/lib64/pkcs11/opensc-pkcs11.so",
                    "/usr/lib/opensc-pkcs11.so",
                    "/usr/lib/pkcs11/opensc-pkcs11.so",
                    "/usr/lib/libeTPkcs11.so",
                    "/usr/lib64/libeTPkcs11.so",
                    "/usr/lib/libIDPrimePKCS11.so",
                    "/usr/lib64/libIDPrimePKCS11.so",
                    "/usr/lib/libiidp11.so",
                    "/usr/lib64/libiidp11.so",
                    "/opt/iidsw/lib/libiidp11.so");
            case MACOS -> paths(
                    "/Library/OpenSC/lib/opensc-pkcs11.so",
                    "/Library/OpenSC/lib/opensc-pkcs11.dylib",
                    "/opt/homebrew/lib/opensc-pkcs11.so",
                    "/usr/local/lib/opensc-pkcs11.so",
                    "/usr/local/lib/libIDPrimePKCS11.dylib",
                    "/Library/Frameworks/eToken.framework/Versions/A/libIDPrimePKCS11.dylib",
                    "/Library/Frameworks/eToken.framework/Versions/A/libeTPkcs11.dylib",
                    "/usr/local/lib/libiidp11.dylib",
                    "/Library/Application Support/iD/libiidp11.dylib");
            case WINDOWS -> {
                String system = System.getenv().getOrDefault("SystemRoot", "C:\\Windows") + "\\System32\\";
                String programFiles = System.getenv().getOrDefault("ProgramFiles", "C:\\Program Files") + "\\";
                yield paths(
                        programFiles + "OpenSC Project\\OpenSC\\pkcs11\\opensc-pkcs11.dll",
                        system + "opensc-pkcs11.dll",
                        system + "eTPKCS11.dll",
                        system + "IDPrimePKCS11.dll",
                        system + "iidp11.dll",
                        programFiles + "iD\\Net iD\\iidp11.dll");
            }
        };
    }

    private static List<Path> paths(String... paths) {
        return Stream.of(paths).map(Path::of).toList();
    }
}
