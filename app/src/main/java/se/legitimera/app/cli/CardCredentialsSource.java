package se.legitimera.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import se.legitimera.app.gateway.ClientCredentials;

/**
 * Where {@code legitimera tunnel run} gets the card's client credentials: the smartcard module's SunPKCS11
 * bridge over the given PKCS#11 module (or the platform's default module when none is given).
 */
@FunctionalInterface
interface CardCredentialsSource {

    /** @throws IOException when the module cannot be loaded */
    ClientCredentials open(Optional<Path> pkcs11Module) throws IOException;
}
