package se.legitimera.smartcard.cert;

/** What a SITHS card certificate is for, from its Key Usage. */
public enum CertificateUsage {
    /** digitalSignature without nonRepudiation: the authentication ("Legitimering") certificate. */
    IDENTIFICATION,
    /** nonRepudiation: the signature ("Underskrift") certificate. */
    SIGNATURE,
    /** Neither (encryption, CA, ...). */
    OTHER
}
