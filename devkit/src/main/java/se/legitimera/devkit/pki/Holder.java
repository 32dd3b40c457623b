package se.legitimera.devkit.pki;

import java.util.Objects;
import java.util.Optional;

/**
 * The person a test certificate is issued to.
 *
 * @param givenName given name, e.g. "Test"
 * @param surname surname, e.g. "Testsson"
 * @param hsaId HSA-id, put in the subject serialNumber, e.g. "TSTNMT2321000156-1024"
 * @param upn user principal name for the SAN, e.g. "tstnmt1024@test.siths.se"
 * @param personalIdentityNumber Swedish personal identity number (12 digits), when the holder has one;
 *        UNCONFIRMED where SITHS puts it, so {@link TestPki} does not put it in certificates (kept for
 *        services that look holders up)
 * @param email e-mail address for an rfc822Name SAN entry, when given
 */
public record Holder(String givenName, String surname, String hsaId, String upn,
                     Optional<String> personalIdentityNumber, Optional<String> email) {

    public Holder {
        Objects.requireNonNull(givenName, "givenName");
        Objects.requireNonNull(surname, "surname");
        Objects.requireNonNull(hsaId, "hsaId");
        Objects.requireNonNull(upn, "upn");
        Objects.requireNonNull(personalIdentityNumber, "personalIdentityNumber");
        Objects.requireNonNull(email, "email");
        if (givenName.isBlank() || surname.isBlank() || hsaId.isBlank() || upn.isBlank()) {
            throw new IllegalArgumentException("holder names, HSA-id and UPN must not be blank");
        }
    }

    /** A holder without personal identity number and e-mail address. */
    public Holder(String givenName, String surname, String hsaId, String upn) {
        this(givenName, surname, hsaId, upn, Optional.empty(), Optional.empty());
    }

    /** This holder with an e-mail address. */
    public Holder withEmail(String address) {
        return new Holder(givenName, surname, hsaId, upn, personalIdentityNumber, Optional.of(address));
    }

    /** This holder with a personal identity number. */
    public Holder withPersonalIdentityNumber(String number) {
        return new Holder(givenName, surname, hsaId, upn, Optional.of(number), email);
    }

    /** "givenName surname", the certificate's common name. */
    public String commonName() {
        return givenName + " " + surname;
    }

    /** Never shows the personal identity number in full (logs, test output). */
    @Override
    public String toString() {
        return "Holder[" + commonName() + ", " + hsaId + ", " + upn
                + personalIdentityNumber.map(n -> ", pnr " + masked(n)).orElse("")
                + email.map(e -> ", " + e).orElse("") + "]";
    }

    private static String masked(String number) {
        return number.length() <= 4 ? "****" : number.substring(0, number.length() - 4) + "****";
    }
}
