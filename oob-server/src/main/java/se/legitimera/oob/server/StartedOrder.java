package se.legitimera.oob.server;

import java.time.Duration;
import java.util.Objects;

/**
 * A new order as the RP's {@code POST /rp/v1/auth} answers it.
 *
 * @param order        the stored order
 * @param lifetime     how long it stays pending ({@code expiresIn})
 * @param autoStartUrl the {@code legitimera://} link for the app (section 4.1); holds the bearer token, never log it
 */
public record StartedOrder(OrderRecord order, Duration lifetime, String autoStartUrl) {

    public StartedOrder {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(autoStartUrl, "autoStartUrl");
    }

    public String orderRef() {
        return order.orderRef();
    }

    public String autoStartToken() {
        return order.autoStartToken();
    }

    @Override
    public String toString() {
        return "StartedOrder[" + order + "]";
    }
}
