package se.legitimera.smartcard.pkcs11;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/** {@link ModuleLocator} over a fixed candidate list. */
final class DefaultModuleLocator implements ModuleLocator {

    private final List<Path> candidates;
    private final Predicate<Path> exists;

    DefaultModuleLocator(List<Path> candidates, Predicate<Path> exists) {
        this.candidates = candidates;
        this.exists = exists;
    }

    @Override
    public List<Path> candidates() {
        return candidates;
    }

    @Override
    public List<Path> present() {
        return candidates.stream().filter(exists).toList();
    }
}
