package se.legitimera.smartcard.pkcs11;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The C data model a PKCS#11 module was built with. CK_ULONG is a C {@code unsigned long}: 32 bits on
 * Windows (LLP64), 64 bits on Linux and macOS x64 (LP64). The PKCS#11 headers pack every struct to 1 byte
 * on Windows ({@code #pragma pack(push, cryptoki, 1)}) and use natural alignment elsewhere.
 *
 * @param ulongSize size of CK_ULONG in bytes
 * @param pointerSize size of a pointer in bytes
 * @param packed true when structs are packed to 1 byte
 */
record CkLayout(int ulongSize, int pointerSize, boolean packed) {

    static final CkLayout WINDOWS_X64 = new CkLayout(4, 8, true);
    static final CkLayout WINDOWS_X86 = new CkLayout(4, 4, true);
    static final CkLayout UNIX_64 = new CkLayout(8, 8, false);

    /** The layout of the running process (JNA's NativeLong is exactly a C long). */
    static CkLayout current() {
        return new CkLayout(Native.LONG_SIZE, Native.POINTER_SIZE, Platform.isWindows());
    }

    StructLayout.Builder struct() {
        return new StructLayout.Builder(packed);
    }

    /** CK_VERSION: two CK_BYTEs. */
    StructLayout.Builder version(StructLayout.Builder b, String name) {
        return b.field(name, 2, 1);
    }

    StructLayout.Builder ulong(StructLayout.Builder b, String name) {
        return b.field(name, ulongSize, ulongSize);
    }

    StructLayout.Builder pointer(StructLayout.Builder b, String name) {
        return b.field(name, pointerSize, pointerSize);
    }

    /** CK_ATTRIBUTE { type, pValue, ulValueLen }. */
    StructLayout attribute() {
        var b = struct();
        ulong(b, "type");
        pointer(b, "pValue");
        ulong(b, "ulValueLen");
        return b.build();
    }

    /** CK_MECHANISM { mechanism, pParameter, ulParameterLen }. */
    StructLayout mechanism() {
        var b = struct();
        ulong(b, "mechanism");
        pointer(b, "pParameter");
        ulong(b, "ulParameterLen");
        return b.build();
    }

    /** CK_RSA_PKCS_PSS_PARAMS { hashAlg, mgf, sLen }. */
    StructLayout pssParams() {
        var b = struct();
        ulong(b, "hashAlg");
        ulong(b, "mgf");
        ulong(b, "sLen");
        return b.build();
    }

    /** CK_C_INITIALIZE_ARGS { CreateMutex, DestroyMutex, LockMutex, UnlockMutex, flags, pReserved }. */
    StructLayout initializeArgs() {
        var b = struct();
        pointer(b, "CreateMutex");
        pointer(b, "DestroyMutex");
        pointer(b, "LockMutex");
        pointer(b, "UnlockMutex");
        ulong(b, "flags");
        pointer(b, "pReserved");
        return b.build();
    }

    /** CK_INFO. */
    StructLayout info() {
        var b = struct();
        version(b, "cryptokiVersion");
        b.field("manufacturerID", 32, 1);
        ulong(b, "flags");
        b.field("libraryDescription", 32, 1);
        version(b, "libraryVersion");
        return b.build();
    }

    /** CK_SLOT_INFO. */
    StructLayout slotInfo() {
        var b = struct();
        b.field("slotDescription", 64, 1);
        b.field("manufacturerID", 32, 1);
        ulong(b, "flags");
        version(b, "hardwareVersion");
        version(b, "firmwareVersion");
        return b.build();
    }

    /** CK_TOKEN_INFO. */
    StructLayout tokenInfo() {
        var b = struct();
        b.field("label", 32, 1);
        b.field("manufacturerID", 32, 1);
        b.field("model", 16, 1);
        b.field("serialNumber", 16, 1);
        for (String name : new String[] {"flags", "ulMaxSessionCount", "ulSessionCount", "ulMaxRwSessionCount",
            "ulRwSessionCount", "ulMaxPinLen", "ulMinPinLen", "ulTotalPublicMemory", "ulFreePublicMemory",
            "ulTotalPrivateMemory", "ulFreePrivateMemory"}) {
            ulong(b, name);
        }
        version(b, "hardwareVersion");
        version(b, "firmwareVersion");
        b.field("utcTime", 16, 1);
        return b.build();
    }

    /** CK_FUNCTION_LIST: a CK_VERSION followed by {@value CkFunction#COUNT} function pointers. */
    StructLayout functionList() {
        var b = struct();
        version(b, "version");
        for (CkFunction f : CkFunction.values()) {
            pointer(b, f.name());
        }
        for (int i = CkFunction.values().length; i < CkFunction.COUNT; i++) {
            pointer(b, "fn" + i);
        }
        return b.build();
    }
}
