package se.legitimera.smartcard.pkcs11;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The thin JNA binding: one method per PKCS#11 function, reached through C_GetFunctionList, arguments
 * marshalled by {@link CkLayout}. No policy here: every non-OK return value becomes a {@link CkCallFailure}.
 * Thread-safe as far as the module is (it is initialised with CKF_OS_LOCKING_OK).
 */
final class NativeCryptoki {

    private static final int SIGNATURE_BUFFER = 1024;

    private final CkLayout layout;
    /** Held so that JNA never unloads the library (its cache is weak) while function pointers are in use. */
    private final NativeLibrary library;
    private final Function[] functions;

    private NativeCryptoki(CkLayout layout, NativeLibrary library, Function[] functions) {
        this.layout = layout;
        this.library = library;
        this.functions = functions;
    }

    /** Loads the module and reads its function list; does not initialise it. */
    static NativeCryptoki load(Path path, CkLayout layout) throws ModuleLoadException {
        NativeLibrary library;
        try {
            library = NativeLibrary.getInstance(path.toString());
        } catch (UnsatisfiedLinkError e) {
            throw new ModuleLoadException(path, "cannot load: " + e.getMessage());
        }
        Function getFunctionList;
        try {
            getFunctionList = library.getFunction("C_GetFunctionList");
        } catch (UnsatisfiedLinkError e) {
            throw new ModuleLoadException(path, "not a PKCS#11 module (no C_GetFunctionList)");
        }
        PointerByReference listRef = new PointerByReference();
        long rv = getFunctionList.invokeLong(new Object[] {listRef}) & ulongMask(layout);
        if (rv != Ck.CKR_OK || listRef.getValue() == null) {
            throw new ModuleLoadException(path, "C_GetFunctionList returned " + Ck.rvName(rv));
        }
        Pointer list = listRef.getValue();
        StructLayout listLayout = layout.functionList();
        Function[] functions = new Function[CkFunction.values().length];
        for (CkFunction f : CkFunction.values()) {
            Pointer fp = list.getPointer(listLayout.offset(f.name()));
            if (fp == null) {
                throw new ModuleLoadException(path, f + " missing from the function list");
            }
            functions[f.ordinal()] = Function.getFunction(fp, Function.C_CONVENTION);
        }
        return new NativeCryptoki(layout, library, functions);
    }

    private static long ulongMask(CkLayout layout) {
        return layout.ulongSize() == 4 ? 0xFFFF_FFFFL : -1L;
    }

    private long call(CkFunction f, Object... args) {
        NativeLong rv = (NativeLong) functions[f.ordinal()].invoke(NativeLong.class, args);
        return rv.longValue() & ulongMask(layout);
    }

    private void check(CkFunction f, Object... args) throws CkCallFailure {
        long rv = call(f, args);
        if (rv != Ck.CKR_OK) {
            throw new CkCallFailure(f, rv);
        }
    }

    private static NativeLong ul(long value) {
        return new NativeLong(value);
    }

    /**
     * C_Initialize with CKF_OS_LOCKING_OK.
     *
     * @return false when the module was already initialised in this process (by someone else)
     */
    boolean initialize() throws CkCallFailure {
        StructLayout args = layout.initializeArgs();
        try (Memory memory = new Memory(args.size())) {
            memory.clear();
            writeUlong(memory, args.offset("flags"), Ck.CKF_OS_LOCKING_OK);
            long rv = call(CkFunction.C_Initialize, memory);
            if (rv == Ck.CKR_CRYPTOKI_ALREADY_INITIALIZED) {
                return false;
            }
            if (rv != Ck.CKR_OK) {
                throw new CkCallFailure(CkFunction.C_Initialize, rv);
            }
            return true;
        }
    }

    void finalizeModule() throws CkCallFailure {
        check(CkFunction.C_Finalize, Pointer.NULL);
    }

    ModuleInfo getInfo(Path path) throws CkCallFailure {
        StructLayout s = layout.info();
        try (Memory m = new Memory(s.size())) {
            m.clear();
            check(CkFunction.C_GetInfo, m);
            return new ModuleInfo(path,
                    version(m, s.offset("cryptokiVersion")),
                    text(m, s.offset("manufacturerID"), 32),
                    text(m, s.offset("libraryDescription"), 32),
                    version(m, s.offset("libraryVersion")));
        }
    }

    long[] getSlotList(boolean tokenPresent) throws CkCallFailure {
        // The slot count may change between the two calls (a reader plugged in): retry on BUFFER_TOO_SMALL.
        for (int attempt = 0; ; attempt++) {
            NativeLongByReference count = new NativeLongByReference(ul(0));
            check(CkFunction.C_GetSlotList, tokenPresent ? (byte) 1 : (byte) 0, Pointer.NULL, count);
            int n = (int) count.getValue().longValue();
            if (n == 0) {
                return new long[0];
            }
            try (Memory m = new Memory((long) n * layout.ulongSize())) {
                long rv = call(CkFunction.C_GetSlotList, tokenPresent ? (byte) 1 : (byte) 0, m, count);
                if (rv == Ck.CKR_BUFFER_TOO_SMALL && attempt < 3) {
                    continue;
                }
                if (rv != Ck.CKR_OK) {
                    throw new CkCallFailure(CkFunction.C_GetSlotList, rv);
                }
                return readUlongs(m, (int) count.getValue().longValue());
            }
        }
    }

    SlotInfo getSlotInfo(long slotId) throws CkCallFailure {
        StructLayout s = layout.slotInfo();
        try (Memory m = new Memory(s.size())) {
            m.clear();
            check(CkFunction.C_GetSlotInfo, ul(slotId), m);
            long flags = readUlong(m, s.offset("flags"));
            return new SlotInfo(slotId, text(m, s.offset("slotDescription"), 64),
                    text(m, s.offset("manufacturerID"), 32),
                    (flags & Ck.CKF_TOKEN_PRESENT) != 0, (flags & Ck.CKF_REMOVABLE_DEVICE) != 0,
                    (flags & Ck.CKF_HW_SLOT) != 0);
        }
    }

    TokenInfo getTokenInfo(long slotId) throws CkCallFailure {
        StructLayout s = layout.tokenInfo();
        try (Memory m = new Memory(s.size())) {
            m.clear();
            check(CkFunction.C_GetTokenInfo, ul(slotId), m);
            return new TokenInfo(text(m, s.offset("label"), 32), text(m, s.offset("manufacturerID"), 32),
                    text(m, s.offset("model"), 16), text(m, s.offset("serialNumber"), 16),
                    readUlong(m, s.offset("flags")),
                    (int) Math.min(Integer.MAX_VALUE, readUlong(m, s.offset("ulMinPinLen"))),
                    (int) Math.min(Integer.MAX_VALUE, readUlong(m, s.offset("ulMaxPinLen"))),
                    version(m, s.offset("hardwareVersion")), version(m, s.offset("firmwareVersion")));
        }
    }

    long openSession(long slotId, long flags) throws CkCallFailure {
        NativeLongByReference handle = new NativeLongByReference(ul(0));
        check(CkFunction.C_OpenSession, ul(slotId), ul(flags), Pointer.NULL, Pointer.NULL, handle);
        return handle.getValue().longValue() & ulongMask(layout);
    }

    void closeSession(long session) throws CkCallFailure {
        check(CkFunction.C_CloseSession, ul(session));
    }

    /**
     * C_Login; the secret is copied to native memory that is wiped before returning. An empty secret is
     * passed as NULL_PTR: a PIN-pad reader (protected authentication path) asks for the PIN itself.
     */
    void login(long session, long userType, byte[] secret) throws CkCallFailure {
        try (Memory pin = secretMemory(secret)) {
            try {
                check(CkFunction.C_Login, ul(session), ul(userType), secret.length == 0 ? Pointer.NULL : pin,
                        ul(secret.length));
            } finally {
                pin.clear();
            }
        }
    }

    void logout(long session) throws CkCallFailure {
        check(CkFunction.C_Logout, ul(session));
    }

    void setPin(long session, byte[] oldPin, byte[] newPin) throws CkCallFailure {
        try (Memory old = secretMemory(oldPin); Memory neu = secretMemory(newPin)) {
            try {
                check(CkFunction.C_SetPIN, ul(session), old, ul(oldPin.length), neu, ul(newPin.length));
            } finally {
                old.clear();
                neu.clear();
            }
        }
    }

    void initPin(long session, byte[] newPin) throws CkCallFailure {
        try (Memory neu = secretMemory(newPin)) {
            try {
                check(CkFunction.C_InitPIN, ul(session), neu, ul(newPin.length));
            } finally {
                neu.clear();
            }
        }
    }

    /** C_FindObjectsInit / C_FindObjects / C_FindObjectsFinal over a template of attributes. */
    long[] findObjects(long session, List<TemplateAttribute> template) throws CkCallFailure {
        StructLayout a = layout.attribute();
        List<Memory> values = new ArrayList<>();
        try (Memory t = new Memory((long) a.size() * Math.max(1, template.size()))) {
            t.clear();
            for (int i = 0; i < template.size(); i++) {
                TemplateAttribute attribute = template.get(i);
                byte[] value = attribute.encode(layout);
                Memory v = new Memory(Math.max(1, value.length));
                v.write(0, value, 0, value.length);
                values.add(v);
                long base = (long) i * a.size();
                writeUlong(t, base + a.offset("type"), attribute.type());
                t.setPointer(base + a.offset("pValue"), v);
                writeUlong(t, base + a.offset("ulValueLen"), value.length);
            }
            check(CkFunction.C_FindObjectsInit, ul(session), t, ul(template.size()));
            List<Long> found = new ArrayList<>();
            try (Memory handles = new Memory(16L * layout.ulongSize())) {
                while (true) {
                    NativeLongByReference count = new NativeLongByReference(ul(0));
                    check(CkFunction.C_FindObjects, ul(session), handles, ul(16), count);
                    int n = (int) count.getValue().longValue();
                    for (long h : readUlongs(handles, n)) {
                        found.add(h);
                    }
                    if (n < 16) {
                        break;
                    }
                }
            } finally {
                call(CkFunction.C_FindObjectsFinal, ul(session));
            }
            return found.stream().mapToLong(Long::longValue).toArray();
        } finally {
            values.forEach(Memory::close);
        }
    }

    /**
     * C_GetAttributeValue for one attribute.
     *
     * @return the value, or null when the object has no such attribute or it is sensitive
     */
    byte[] getAttribute(long session, long object, long type) throws CkCallFailure {
        StructLayout a = layout.attribute();
        try (Memory t = new Memory(a.size())) {
            t.clear();
            writeUlong(t, a.offset("type"), type);
            long rv = call(CkFunction.C_GetAttributeValue, ul(session), ul(object), t, ul(1));
            if (rv == Ck.CKR_ATTRIBUTE_TYPE_INVALID || rv == Ck.CKR_ATTRIBUTE_SENSITIVE) {
                return null;
            }
            if (rv != Ck.CKR_OK) {
                throw new CkCallFailure(CkFunction.C_GetAttributeValue, rv);
            }
            long length = readUlong(t, a.offset("ulValueLen"));
            if (length == ulongMask(layout)) {
                return null; // CK_UNAVAILABLE_INFORMATION
            }
            if (length == 0) {
                return new byte[0];
            }
            try (Memory v = new Memory(length)) {
                t.setPointer(a.offset("pValue"), v);
                check(CkFunction.C_GetAttributeValue, ul(session), ul(object), t, ul(1));
                return v.getByteArray(0, (int) readUlong(t, a.offset("ulValueLen")));
            }
        }
    }

    void signInit(long session, Mechanism mechanism, long key) throws CkCallFailure {
        StructLayout s = layout.mechanism();
        byte[] parameter = mechanism.parameter(layout);
        try (Memory m = new Memory(s.size()); Memory p = new Memory(Math.max(1, parameter.length))) {
            m.clear();
            writeUlong(m, s.offset("mechanism"), mechanism.type());
            if (parameter.length > 0) {
                p.write(0, parameter, 0, parameter.length);
                m.setPointer(s.offset("pParameter"), p);
            }
            writeUlong(m, s.offset("ulParameterLen"), parameter.length);
            check(CkFunction.C_SignInit, ul(session), m, ul(key));
        }
    }

    byte[] sign(long session, byte[] data) throws CkCallFailure {
        try (Memory in = new Memory(Math.max(1, data.length))) {
            in.write(0, data, 0, data.length);
            long capacity = SIGNATURE_BUFFER;
            while (true) {
                try (Memory out = new Memory(capacity)) {
                    NativeLongByReference length = new NativeLongByReference(ul(capacity));
                    long rv = call(CkFunction.C_Sign, ul(session), in, ul(data.length), out, length);
                    long needed = length.getValue().longValue() & ulongMask(layout);
                    if (rv == Ck.CKR_BUFFER_TOO_SMALL && needed > capacity) {
                        capacity = needed; // the operation stays active: call again with a larger buffer
                        continue;
                    }
                    if (rv != Ck.CKR_OK) {
                        throw new CkCallFailure(CkFunction.C_Sign, rv);
                    }
                    return out.getByteArray(0, (int) needed);
                }
            }
        }
    }

    private static Memory secretMemory(byte[] secret) {
        Memory m = new Memory(Math.max(1, secret.length));
        m.write(0, secret, 0, secret.length);
        return m;
    }

    private void writeUlong(Pointer p, long offset, long value) {
        if (layout.ulongSize() == 4) {
            p.setInt(offset, (int) value);
        } else {
            p.setLong(offset, value);
        }
    }

    private long readUlong(Pointer p, long offset) {
        return layout.ulongSize() == 4 ? p.getInt(offset) & 0xFFFF_FFFFL : p.getLong(offset);
    }

    private long[] readUlongs(Pointer p, int n) {
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = readUlong(p, (long) i * layout.ulongSize());
        }
        return values;
    }

    /** A blank-padded, not NUL-terminated UTF-8 field. */
    private static String text(Pointer p, long offset, int length) {
        byte[] bytes = p.getByteArray(offset, length);
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == ' ' || bytes[end - 1] == 0)) {
            end--;
        }
        return new String(Arrays.copyOf(bytes, end), StandardCharsets.UTF_8);
    }

    private static String version(Pointer p, long offset) {
        return (p.getByte(offset) & 0xFF) + "." + (p.getByte(offset + 1) & 0xFF);
    }
}
