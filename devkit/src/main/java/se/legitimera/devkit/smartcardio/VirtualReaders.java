package se.legitimera.devkit.smartcardio;

import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

import javax.smartcardio.TerminalFactory;

/**
 * A fixed set of in-JVM card readers; the parameter of the {@link VirtualSmartcardioProvider}'s
 * TerminalFactory. Readers are created once, empty; tests and the demo insert and remove cards.
 * Thread-safe: all reader state is guarded by this object's monitor, which also wakes
 * {@code waitForChange} and {@code waitForCard*} callers.
 */
public final class VirtualReaders {

    private final List<VirtualReader> readers;

    private VirtualReaders(List<String> names) {
        if (names.isEmpty() || new LinkedHashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("reader names must be given and unique: " + names);
        }
        this.readers = names.stream().map(name -> new VirtualReader(this, name)).toList();
    }

    /** Readers with these names, in this order (the order {@code CardTerminals.list()} returns). */
    public static VirtualReaders named(String... names) {
        return new VirtualReaders(Arrays.asList(names));
    }

    /** The reader at {@code index} in creation order. */
    public VirtualReader reader(int index) {
        return readers.get(index);
    }

    /**
     * The reader with this name.
     *
     * @throws IllegalArgumentException when there is none
     */
    public VirtualReader reader(String name) {
        return readers.stream().filter(reader -> reader.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no virtual reader named " + name));
    }

    /** All readers, in creation order. */
    public List<VirtualReader> readers() {
        return readers;
    }

    /** A TerminalFactory over these readers from a new {@link VirtualSmartcardioProvider}. */
    public TerminalFactory terminalFactory() {
        try {
            return TerminalFactory.getInstance(VirtualSmartcardioProvider.TYPE, this, new VirtualSmartcardioProvider());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the virtual smartcardio provider refused its own readers", e);
        }
    }

    /** Wakes everyone waiting for a change; called with this monitor held. */
    void changed() {
        notifyAll();
    }
}
