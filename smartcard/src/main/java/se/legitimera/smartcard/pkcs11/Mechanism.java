package se.legitimera.smartcard.pkcs11;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A CK_MECHANISM to pass to C_SignInit: its type and, for RSA-PSS, CK_RSA_PKCS_PSS_PARAMS. */
record Mechanism(long type, HashAlgorithm pssHash) {

    static Mechanism of(long type) {
        return new Mechanism(type, null);
    }

    static Mechanism pss(HashAlgorithm hash) {
        return new Mechanism(Ck.CKM_RSA_PKCS_PSS, hash);
    }

    /** The parameter block in the layout of the module; empty when the mechanism takes none. */
    byte[] parameter(CkLayout layout) {
        if (pssHash == null) {
            return new byte[0];
        }
        StructLayout s = layout.pssParams();
        ByteBuffer b = ByteBuffer.allocate(s.size()).order(ByteOrder.nativeOrder());
        put(b, layout, s.offset("hashAlg"), pssHash.pkcs11Mechanism());
        put(b, layout, s.offset("mgf"), pssHash.pkcs11Mgf1());
        put(b, layout, s.offset("sLen"), pssHash.length());
        return b.array();
    }

    private static void put(ByteBuffer b, CkLayout layout, int offset, long value) {
        if (layout.ulongSize() == 4) {
            b.putInt(offset, (int) value);
        } else {
            b.putLong(offset, value);
        }
    }
}
