package se.legitimera.oob.server;

/**
 * Told of every order that was created or changed state (fetched, completed, failed, expired), on the thread
 * that caused it, after the store was written. A host uses it to wake long polls or to finish a CIBA request
 * when its order completes. Must be quick and must not throw; exceptions are logged and ignored.
 */
@FunctionalInterface
public interface OrderListener {

    void orderChanged(OrderRecord order);
}
