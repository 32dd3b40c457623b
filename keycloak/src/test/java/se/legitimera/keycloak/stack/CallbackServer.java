package se.legitimera.keycloak.stack;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The OIDC test client's redirect target on 127.0.0.1: answers {@code /callback} with a small page so that
 * the browser really lands there. The code is read from the browser's URL by the test, as a web
 * application's back end would read it from its request.
 */
public final class CallbackServer implements AutoCloseable {

    public static final String PAGE_TITLE = "Legitimera test client";

    private final HttpServer server;
    private final java.util.concurrent.BlockingQueue<URI> received;

    private CallbackServer(HttpServer server, java.util.concurrent.BlockingQueue<URI> received) {
        this.server = server;
        this.received = received;
    }

    static CallbackServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            java.util.concurrent.BlockingQueue<URI> received = new java.util.concurrent.LinkedBlockingQueue<>(64);
            server.createContext("/callback", exchange -> {
                received.offer(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                        + exchange.getRequestURI()));
                byte[] page = ("<!doctype html><html><head><title>" + PAGE_TITLE + "</title></head>"
                        + "<body><p id=\"landed\">Redirect received</p></body></html>").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                try (var body = exchange.getResponseBody()) {
                    body.write(page);
                }
            });
            server.start();
            return new CallbackServer(server, received);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the OIDC client's callback server", e);
        }
    }

    /** {@code http://127.0.0.1:port}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The redirect URI registered for the test clients. */
    public URI redirectUri() {
        return URI.create(baseUrl() + "/callback");
    }

    /** The next redirect the server received (the demo's client reads the code from it). */
    public URI nextRedirect() throws InterruptedException {
        return received.take();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
