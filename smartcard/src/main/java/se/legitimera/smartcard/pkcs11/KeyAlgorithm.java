package se.legitimera.smartcard.pkcs11;

/** Key types a token's signing keys can have. */
public enum KeyAlgorithm {
    RSA, EC
}
