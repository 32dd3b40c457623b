package se.legitimera.app.gateway;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one local HTTP/1.1 connection: checks each request's Host header, forwards it to the upstream
 * over a pooled TLS connection with the Host rewritten, and streams the answer back. Keeps both sides
 * alive where HTTP allows it; a WebSocket upgrade turns the connection into a raw pipe.
 */
final class HttpForwarder {

    private static final Logger LOG = LoggerFactory.getLogger(HttpForwarder.class);

    private static final int BUFFER = 16 * 1024;
    private static final int CLIENT_IDLE_MILLIS = 120_000;
    /** Fields that describe one hop, never forwarded (RFC 9110, 7.6.1), besides those Connection names. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "trailer", "upgrade", "proxy-authorization", "proxy-authenticate");

    private final String tunnelName;
    private final int localPort;
    private final UpstreamConnector connector;
    private final String upstreamAuthority;
    private final List<String> upstreamOrigins;
    private final AtomicLong requests;

    HttpForwarder(String tunnelName, int localPort, URI upstream, UpstreamConnector connector, AtomicLong requests) {
        this.tunnelName = tunnelName;
        this.localPort = localPort;
        this.connector = connector;
        this.requests = requests;
        this.upstreamAuthority = upstream.getRawAuthority();
        String host = upstream.getRawAuthority().replaceFirst(":\\d+$", "");
        this.upstreamOrigins = connector.port() == 443
                ? List.of("https://" + host + ":443", "https://" + host)
                : List.of("https://" + host + ":" + connector.port());
    }

    void serve(Socket client) throws IOException, InterruptedException {
        client.setSoTimeout(CLIENT_IDLE_MILLIS);
        client.setTcpNoDelay(true);
        InputStream in = new BufferedInputStream(client.getInputStream(), BUFFER);
        OutputStream out = new BufferedOutputStream(client.getOutputStream(), BUFFER);
        while (true) {
            HttpHead request;
            try {
                request = HttpHead.read(in);
            } catch (HttpHead.MalformedHeadException e) {
                LOG.info("Tunnel {}: refused a malformed request: {}", tunnelName, e.getMessage());
                refuse(out, TunnelFailure.BAD_REQUEST);
                return;
            } catch (SocketTimeoutException e) {
                return;
            }
            if (request == null || !exchange(client, request, in, out)) {
                return;
            }
        }
    }

    /** Forwards one request and its answer; returns whether the local connection may carry another. */
    private boolean exchange(Socket client, HttpHead request, InputStream in, OutputStream out)
            throws IOException, InterruptedException {
        String[] start = request.startLine().split(" ");
        if (start.length != 3 || !start[2].startsWith("HTTP/1.") || "CONNECT".equals(start[0])) {
            refuse(out, TunnelFailure.BAD_REQUEST);
            return false;
        }
        String method = start[0];
        String target = start[1];
        if (target.regionMatches(true, 0, "http://", 0, 7)) {
            int slash = target.indexOf('/', 7);
            String authority = slash < 0 ? target.substring(7) : target.substring(7, slash);
            if (!LoopbackAddresses.isOwnHost(authority, localPort)) {
                return refuseForeignHost(out);
            }
            target = slash < 0 ? "/" : target.substring(slash);
        } else if (!target.startsWith("/") && !("*".equals(target) && "OPTIONS".equals(method))) {
            refuse(out, TunnelFailure.BAD_REQUEST);
            return false;
        }
        if (request.count("Host") != 1) {
            refuse(out, TunnelFailure.BAD_REQUEST);
            return false;
        }
        String clientHost = request.value("Host").strip();
        if (!LoopbackAddresses.isOwnHost(clientHost, localPort)) {
            return refuseForeignHost(out);
        }

        boolean chunked = false;
        long length = 0;
        List<String> transferCodings = request.tokens("Transfer-Encoding");
        String contentLength = request.value("Content-Length");
        if (!transferCodings.isEmpty()) {
            // both framings at once is how requests are smuggled; refuse rather than pick one
            if (contentLength != null || !transferCodings.equals(List.of("chunked"))) {
                refuse(out, TunnelFailure.BAD_REQUEST);
                return false;
            }
            chunked = true;
        } else if (contentLength != null) {
            length = parseLength(request);
            if (length < 0) {
                refuse(out, TunnelFailure.BAD_REQUEST);
                return false;
            }
        }

        List<String> connection = request.tokens("Connection");
        boolean http10 = "HTTP/1.0".equals(start[2]);
        boolean clientKeepAlive = http10 ? connection.contains("keep-alive") : !connection.contains("close");
        boolean upgrade = connection.contains("upgrade") && request.tokens("Upgrade").contains("websocket");
        String upgradeValue = request.value("Upgrade");
        boolean expectContinue = request.tokens("Expect").contains("100-continue");

        stripHopByHop(request, connection);
        if (expectContinue) {
            request.remove("Expect"); // answered here, so the body follows the head without a round trip
        }
        request.set("Host", upstreamAuthority);
        if (upgrade) {
            request.add("Connection", "Upgrade");
            request.add("Upgrade", upgradeValue);
        }
        request.startLine(method + " " + target + " HTTP/1.1");
        requests.incrementAndGet();

        UpstreamConnection upstream;
        try {
            upstream = connector.acquire();
        } catch (GatewayException e) {
            return refuse(out, e);
        }
        boolean bodyless = !chunked && length == 0;
        HttpHead response;
        while (true) {
            try {
                request.write(upstream.out);
                if (expectContinue) {
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    expectContinue = false;
                }
                if (chunked) {
                    HttpBody.copyChunked(in, upstream.out);
                } else if (length > 0) {
                    HttpBody.copyFixed(in, upstream.out, length);
                }
                upstream.out.flush();
                response = readFinalHead(upstream.in, out);
                break;
            } catch (IOException e) {
                connector.discard(upstream);
                if (upstream.reused && bodyless) {
                    // the upstream closed the pooled connection while it sat idle: one fresh try
                    try {
                        upstream = connector.connect();
                    } catch (GatewayException g) {
                        return refuse(out, g);
                    }
                    continue;
                }
                return refuse(out, UpstreamConnector.classify(e));
            }
        }

        int status = status(response);
        if (status == 101) {
            if (!upgrade) {
                connector.discard(upstream);
                refuse(out, TunnelFailure.UPSTREAM_TLS_FAILED);
                return false;
            }
            response.write(out);
            out.flush();
            client.setSoTimeout(0);
            upstream.socket.setSoTimeout(0);
            RawPipe.run("tunnel-" + tunnelName + "-ws", client, in, out, upstream.socket, upstream.in, upstream.out);
            connector.discard(upstream);
            return false;
        }

        boolean noBody = "HEAD".equals(method) || status == 204 || status == 304;
        List<String> responseCodings = response.tokens("Transfer-Encoding");
        boolean responseChunked = !responseCodings.isEmpty() && "chunked".equals(responseCodings.getLast());
        long responseLength = responseCodings.isEmpty() && response.value("Content-Length") != null
                ? parseLength(response) : -1;
        boolean untilClose = !noBody && !responseChunked && responseLength < 0;
        List<String> responseConnection = response.tokens("Connection");
        boolean upstreamReusable = !untilClose && !responseConnection.contains("close")
                && response.startLine().startsWith("HTTP/1.1");
        boolean keepClient = clientKeepAlive && !untilClose;

        stripHopByHop(response, responseConnection);
        rewriteLocation(response, clientHost);
        if (!keepClient) {
            response.add("Connection", "close");
        } else if (http10) {
            response.add("Connection", "keep-alive");
        }
        try {
            response.write(out);
            if (noBody) {
                // nothing follows the head
            } else if (responseChunked) {
                HttpBody.copyChunked(upstream.in, out);
            } else if (responseLength >= 0) {
                HttpBody.copyFixed(upstream.in, out, responseLength);
            } else {
                HttpBody.copyUntilClose(upstream.in, out);
            }
            out.flush();
        } catch (IOException e) {
            // the answer is half sent: nothing to do but close both sides
            connector.discard(upstream);
            return false;
        }
        if (upstreamReusable) {
            connector.release(upstream);
        } else {
            connector.discard(upstream);
        }
        return keepClient;
    }

    /** Reads the upstream's answer head, passing informational (1xx) answers other than 100 through. */
    private static HttpHead readFinalHead(InputStream upstreamIn, OutputStream out) throws IOException {
        while (true) {
            HttpHead head = HttpHead.read(upstreamIn);
            if (head == null) {
                throw new EOFException("The upstream closed the connection before answering");
            }
            int status = status(head);
            if (status == 101 || status >= 200) {
                return head;
            }
            if (status != 100) {
                head.write(out);
                out.flush();
            }
        }
    }

    private static int status(HttpHead response) throws HttpHead.MalformedHeadException {
        String[] parts = response.startLine().split(" ", 3);
        try {
            if (parts.length >= 2 && parts[0].startsWith("HTTP/1.")) {
                return Integer.parseInt(parts[1]);
            }
        } catch (NumberFormatException e) {
            // falls through to the exception below
        }
        throw new HttpHead.MalformedHeadException("Malformed status line from the upstream");
    }

    private static long parseLength(HttpHead head) {
        String value = null;
        for (HttpHead.Field field : head.fields()) {
            if (field.name().equalsIgnoreCase("Content-Length")) {
                if (value != null && !value.equals(field.value())) {
                    return -1;
                }
                value = field.value();
            }
        }
        try {
            return value == null ? -1 : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void stripHopByHop(HttpHead head, List<String> connectionTokens) {
        for (String token : connectionTokens) {
            head.remove(token);
        }
        for (String name : HOP_BY_HOP) {
            head.remove(name);
        }
    }

    /** A redirect to the upstream's own origin stays inside the tunnel. */
    private void rewriteLocation(HttpHead response, String clientHost) {
        String location = response.value("Location");
        if (location == null) {
            return;
        }
        for (String origin : upstreamOrigins) {
            if (location.regionMatches(true, 0, origin, 0, origin.length())
                    && (location.length() == origin.length() || "/?#".indexOf(location.charAt(origin.length())) >= 0)) {
                response.set("Location", "http://" + clientHost + location.substring(origin.length()));
                return;
            }
        }
    }

    private boolean refuseForeignHost(OutputStream out) {
        // the header itself is not logged: it is whatever a foreign page chose to send
        LOG.warn("Tunnel {}: refused a request for a foreign host name (possible DNS rebinding)", tunnelName);
        refuse(out, TunnelFailure.FOREIGN_HOST);
        return false;
    }

    private boolean refuse(OutputStream out, GatewayException e) {
        LOG.warn("Tunnel {}: {}: {}", tunnelName, e.failure(), describe(e));
        refuse(out, e.failure());
        return false;
    }

    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            text.append(" <- ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return text.toString();
    }

    static void refuse(OutputStream out, TunnelFailure failure) {
        try {
            out.write(ErrorPage.response(failure));
            out.flush();
        } catch (IOException ignored) {
            // the browser has gone; nothing to tell it
        }
    }
}
