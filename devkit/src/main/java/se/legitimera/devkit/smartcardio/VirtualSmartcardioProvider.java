package se.legitimera.devkit.smartcardio;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.List;
import java.util.Map;

/**
 * A {@code java.security.Provider} whose {@code TerminalFactory} of type {@value #TYPE} serves
 * {@link VirtualReaders}: readers in this JVM that hold {@code VirtualSithsCard}s, for fast tests and the
 * demo mode without pcscd.
 *
 * <pre>{@code
 * VirtualReaders readers = VirtualReaders.named("Virtual Reader 00");
 * TerminalFactory factory = TerminalFactory.getInstance(VirtualSmartcardioProvider.TYPE, readers,
 *         new VirtualSmartcardioProvider());
 * readers.reader(0).insert(card);
 * }</pre>
 * The parameter object must be the {@link VirtualReaders}; anything else is refused with a
 * {@code NoSuchAlgorithmException}.
 */
public final class VirtualSmartcardioProvider extends Provider {

    /** The TerminalFactory type served. */
    public static final String TYPE = "LegitimeraVirtual";

    public VirtualSmartcardioProvider() {
        super("LegitimeraVirtualSmartcardio", "1.0", "Legitimera devkit: virtual SITHS cards in in-JVM readers");
        // our own Service, so that no reflection (and no open package) is needed to build the SPI
        putService(new Service(this, "TerminalFactory", TYPE, VirtualTerminalFactorySpi.class.getName(), List.of(), Map.of()) {
            @Override
            public Object newInstance(Object parameter) throws NoSuchAlgorithmException {
                if (!(parameter instanceof VirtualReaders readers)) {
                    throw new NoSuchAlgorithmException("the " + TYPE + " TerminalFactory needs VirtualReaders as parameter");
                }
                return new VirtualTerminalFactorySpi(readers);
            }
        });
    }
}
