package se.legitimera.app.ui.login;

/** Fetches the login order behind a {@code legitimera://} link. Implemented in the composition root. */
@FunctionalInterface
public interface LoginOrders {

    /**
     * Fetches and verifies the order. Blocking: called on a worker thread.
     *
     * @param link the link exactly as the operating system handed it over (it holds a one-time token: never log it)
     * @throws LoginUnavailableException when the link is malformed, the order is gone, or the service
     *                                   cannot be reached or trusted
     */
    LoginOrder fetch(String link) throws LoginUnavailableException;
}
