package se.legitimera.app.settings;

/** What a local mTLS tunnel accepts on its loopback port. */
public enum TunnelMode {
    /** Plain HTTP from the local client; the tunnel speaks TLS with the card's certificate upstream. */
    HTTP,
    /** TLS from the local client (terminated by the tunnel), re-encrypted upstream with the card's certificate. */
    TLS
}
