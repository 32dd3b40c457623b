package se.legitimera.smartcard.pkcs11;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Offsets and size of one C struct, computed as a C compiler does: each field aligned to its natural
 * alignment (unless packed), the total rounded up to the largest alignment.
 */
final class StructLayout {

    private final Map<String, Integer> offsets;
    private final int size;

    private StructLayout(Map<String, Integer> offsets, int size) {
        this.offsets = Map.copyOf(offsets);
        this.size = size;
    }

    int size() {
        return size;
    }

    int offset(String field) {
        Integer offset = offsets.get(field);
        if (offset == null) {
            throw new IllegalArgumentException("no field " + field);
        }
        return offset;
    }

    static final class Builder {
        private final boolean packed;
        private final Map<String, Integer> offsets = new LinkedHashMap<>();
        private int position;
        private int maxAlignment = 1;

        Builder(boolean packed) {
            this.packed = packed;
        }

        Builder field(String name, int size, int alignment) {
            int align = packed ? 1 : alignment;
            position = roundUp(position, align);
            offsets.put(name, position);
            position += size;
            maxAlignment = Math.max(maxAlignment, align);
            return this;
        }

        StructLayout build() {
            return new StructLayout(offsets, roundUp(position, maxAlignment));
        }

        private static int roundUp(int value, int alignment) {
            return (value + alignment - 1) / alignment * alignment;
        }
    }
}
