package se.legitimera.smartcard.cert;

/** What an OCSP responder said about a certificate. */
public enum RevocationStatus {
    /** A verified OCSP response says the certificate is not revoked. */
    GOOD,
    /** A verified OCSP response says the certificate is revoked. */
    REVOKED,
    /** No verified answer: offline, timeout, no responder, responder says unknown, bad signature. Never GOOD. */
    UNKNOWN
}
