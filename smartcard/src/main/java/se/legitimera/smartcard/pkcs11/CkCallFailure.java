package se.legitimera.smartcard.pkcs11;

/** A PKCS#11 function returned something other than CKR_OK; mapped to a public exception by the caller. */
final class CkCallFailure extends Exception {

    private final transient CkFunction function;
    private final long rv;

    CkCallFailure(CkFunction function, long rv) {
        super(function + " returned " + Ck.rvName(rv), null, false, false);
        this.function = function;
        this.rv = rv;
    }

    CkFunction function() {
        return function;
    }

    long rv() {
        return rv;
    }
}
