package se.legitimera.smartcard.pkcs11;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** One attribute of a search template: a CK_ULONG, a CK_BBOOL or a byte string. */
record TemplateAttribute(long type, Kind kind, long number, byte[] bytes) {

    enum Kind { ULONG, BOOL, BYTES }

    static TemplateAttribute ulong(long type, long value) {
        return new TemplateAttribute(type, Kind.ULONG, value, null);
    }

    static TemplateAttribute bool(long type, boolean value) {
        return new TemplateAttribute(type, Kind.BOOL, value ? 1 : 0, null);
    }

    static TemplateAttribute bytes(long type, byte[] value) {
        return new TemplateAttribute(type, Kind.BYTES, 0, value.clone());
    }

    /** The value as the module expects it in memory (native byte order for CK_ULONG). */
    byte[] encode(CkLayout layout) {
        return switch (kind) {
            case ULONG -> {
                ByteBuffer b = ByteBuffer.allocate(layout.ulongSize()).order(ByteOrder.nativeOrder());
                if (layout.ulongSize() == 4) {
                    b.putInt((int) number);
                } else {
                    b.putLong(number);
                }
                yield b.array();
            }
            case BOOL -> new byte[] {(byte) number};
            case BYTES -> bytes.clone();
        };
    }
}
