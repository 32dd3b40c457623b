package se.legitimera.app.ui.about;

/** Collects the facts for the about window. Implemented in the composition root over the libraries. */
@FunctionalInterface
public interface DiagnosticsSource {

    /** Blocking (asks PC/SC and the cards): called on a worker thread, never the FX thread. */
    DiagnosticsFacts collect();
}
