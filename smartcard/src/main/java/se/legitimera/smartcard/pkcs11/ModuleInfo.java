package se.legitimera.smartcard.pkcs11;

import java.nio.file.Path;

/**
 * What a loaded PKCS#11 module says about itself (C_GetInfo).
 *
 * @param library the file it was loaded from
 * @param cryptokiVersion PKCS#11 version it implements, e.g. "2.40"
 * @param manufacturer manufacturer ID, e.g. "OpenSC Project"
 * @param description library description
 * @param libraryVersion the module's own version, e.g. "0.23"
 */
public record ModuleInfo(Path library, String cryptokiVersion, String manufacturer, String description,
        String libraryVersion) {
}
