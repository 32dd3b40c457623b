package se.legitimera.smartcard.idprime;

import java.util.HashSet;
import java.util.Set;

/**
 * The minidriver container map of an IDPrime card (file 0204, {@code mscp/cmapfile}): 86-byte records, one
 * per key container, the container's index being the certificate id of its key. As OpenSC 0.24+ reads it,
 * a record whose first byte is 0 ends the map. Cards other than the 940 have a private key for a
 * certificate only when its container is there. Immutable.
 */
final class ContainerMap {

    static final int FILE = 0x0204;
    static final int RECORD = 86;

    private final Set<Integer> containers;

    private ContainerMap(Set<Integer> containers) {
        this.containers = Set.copyOf(containers);
    }

    static ContainerMap parse(byte[] file) {
        Set<Integer> containers = new HashSet<>();
        for (int index = 0; (index + 1) * RECORD <= file.length && file[index * RECORD] != 0; index++) {
            containers.add(index);
        }
        return new ContainerMap(containers);
    }

    /** Whether the map has a container for the key of certificate {@code id}. */
    boolean hasContainer(int certificateId) {
        return containers.contains(certificateId);
    }
}
