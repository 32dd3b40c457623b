import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import se.legitimera.app.gateway.SoftwareCard;
import se.legitimera.app.gateway.TestPki;
import se.legitimera.app.gateway.TestUpstream;
import se.legitimera.app.gateway.Tunnel;
import se.legitimera.app.gateway.TunnelStatistics;

/**
 * Requests per second and latency through the gateway vs. direct mTLS from the same JVM to the same
 * server, over keep-alive connections, plus card signatures per 1,000 requests. See README.md.
 *
 * Arguments: [requests per scenario, default 20000] [concurrent connections, default 4]
 */
public final class GatewayBench {

    private static final char[] PIN = "123456".toCharArray();

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 4;

        TestPki.Issued serverCa = TestPki.rootCa("Bench Server CA");
        TestPki.Issued personCa = TestPki.rootCa("Bench Person CA");
        TestPki.Issued person = TestPki.person(personCa, TestPki.HSA_ID);
        try (TestUpstream upstream = TestUpstream.http(TestPki.server(serverCa, "localhost"), personCa.certificate());
                Tunnel tunnel = Tunnel.builder().withName("bench").withLocalPort(0)
                        .withUpstream(URI.create("https://localhost:" + upstream.port()))
                        .withCredentials(new SoftwareCard(person, PIN)).withPinPrompt(request -> PIN.clone())
                        .withSystemTrust(false).withTrustedCertificates(List.of(serverCa.certificate()))
                        .open()) {
            AtomicLong directSignatures = new AtomicLong();
            SSLContext direct = SSLContext.getInstance("TLS");
            direct.init(new KeyManager[] {new Counting(person.keyManager(), directSignatures)},
                    new TrustManager[] {TestPki.trusting(serverCa.certificate())}, null);

            Target gateway = () -> new Socket(InetAddress.getLoopbackAddress(), tunnel.localPort());
            Target mtls = () -> {
                SSLSocket socket = (SSLSocket) direct.getSocketFactory().createSocket("localhost", upstream.port());
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                parameters.setServerNames(List.of(new SNIHostName("localhost")));
                socket.setSSLParameters(parameters);
                return socket;
            };
            String gatewayHost = "localhost:" + tunnel.localPort();
            String directHost = "localhost:" + upstream.port();

            System.out.printf(Locale.ROOT, "GatewayBench: %d requests per scenario, %d keep-alive connections, "
                    + "Java %s, %d CPUs%n", requests, connections, Runtime.version(),
                    Runtime.getRuntime().availableProcessors());
            // warm-up: JIT, TLS sessions, the card login
            run(gateway, gatewayHost, "/whoami", requests / 5, connections);
            run(mtls, directHost, "/whoami", requests / 5, connections);

            TunnelStatistics before = tunnel.statistics();
            long directBefore = directSignatures.get();
            Result viaDirect = run(mtls, directHost, "/whoami", requests, connections);
            long directSigned = directSignatures.get() - directBefore;
            Result viaGateway = run(gateway, gatewayHost, "/whoami", requests, connections);
            TunnelStatistics after = tunnel.statistics();

            TunnelStatistics beforeClose = tunnel.statistics();
            int closing = Math.max(200, requests / 20);
            Result viaGatewayNewTls = run(gateway, gatewayHost, "/close", closing, connections);
            TunnelStatistics afterClose = tunnel.statistics();

            print("direct mTLS (keep-alive)", viaDirect, directSigned, 0);
            print("gateway (keep-alive both sides)", viaGateway, after.privateKeyUses() - before.privateKeyUses(),
                    after.upstreamConnections() - before.upstreamConnections());
            print("gateway, new upstream TLS per request", viaGatewayNewTls,
                    afterClose.privateKeyUses() - beforeClose.privateKeyUses(),
                    afterClose.upstreamConnections() - beforeClose.upstreamConnections());
            System.out.printf(Locale.ROOT, "%nratios gateway/direct: throughput %.2f, median latency %.2f, p99 latency %.2f%n",
                    viaGateway.perSecond() / viaDirect.perSecond(), viaGateway.medianMicros() / viaDirect.medianMicros(),
                    viaGateway.p99Micros() / viaDirect.p99Micros());
            System.out.printf(Locale.ROOT, "card signatures in the whole run: %d (one per card login; TLS sessions "
                    + "resumed afterwards)%n", tunnel.statistics().privateKeyUses());
        }
        System.exit(0);
    }

    interface Target {
        Socket open() throws IOException;
    }

    record Result(int requests, double seconds, long[] latenciesNanos) {
        double perSecond() {
            return requests / seconds;
        }

        double medianMicros() {
            return latenciesNanos[latenciesNanos.length / 2] / 1_000.0;
        }

        double p99Micros() {
            return latenciesNanos[(int) Math.min(latenciesNanos.length - 1, Math.ceil(latenciesNanos.length * 0.99) - 1)]
                    / 1_000.0;
        }
    }

    private static void print(String name, Result result, long signatures, long upstreamConnections) {
        System.out.printf(Locale.ROOT, "%-40s %9.0f req/s  median %7.1f µs  p99 %7.1f µs  signatures/1000 req %.3f"
                + "%s%n", name, result.perSecond(), result.medianMicros(), result.p99Micros(),
                signatures * 1000.0 / result.requests(),
                upstreamConnections > 0 ? "  (upstream TLS connections: " + upstreamConnections + ")" : "");
    }

    /** {@code total} GET requests over {@code connections} keep-alive connections, one thread each. */
    private static Result run(Target target, String host, String path, int total, int connections) throws Exception {
        long[] latencies = new long[total];
        int perConnection = total / connections;
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        boolean reconnect = path.equals("/close");
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            int offset = c * perConnection;
            threads.add(Thread.ofPlatform().start(() -> {
                Socket socket = null;
                try {
                    for (int i = 0; i < perConnection; i++) {
                        if (socket == null) {
                            socket = target.open();
                            socket.setTcpNoDelay(true);
                        }
                        long t0 = System.nanoTime();
                        boolean open = exchange(socket, host, path);
                        latencies[offset + i] = System.nanoTime() - t0;
                        if (!open || reconnect) {
                            socket.close();
                            socket = null;
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    try {
                        if (socket != null) {
                            socket.close();
                        }
                    } catch (IOException ignored) {
                        // done
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!failures.isEmpty()) {
            throw new IllegalStateException("requests failed", failures.getFirst());
        }
        long[] measured = Arrays.copyOf(latencies, perConnection * connections);
        Arrays.sort(measured);
        return new Result(measured.length, seconds, measured);
    }

    /** One GET on a keep-alive connection; returns whether the server keeps the connection open. */
    private static boolean exchange(Socket socket, String host, String path) throws IOException {
        OutputStream out = new BufferedOutputStream(socket.getOutputStream());
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
            head.append((char) b);
        }
        String lower = head.toString().toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http/1.1 200")) {
            throw new IOException("unexpected answer: " + head);
        }
        int at = lower.indexOf("content-length:");
        int length = Integer.parseInt(lower.substring(at + 15, lower.indexOf('\r', at)).strip());
        in.readNBytes(length);
        return !lower.contains("connection: close");
    }

    /** Counts the private key fetches of the direct client, as the gateway does for the card. */
    static final class Counting extends X509ExtendedKeyManager {
        private final X509KeyManager delegate;
        private final AtomicLong uses;

        Counting(X509KeyManager delegate, AtomicLong uses) {
            this.delegate = delegate;
            this.uses = uses;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseClientAlias(keyType, issuers, socket);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            uses.incrementAndGet();
            return delegate.getPrivateKey(alias);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return delegate.getClientAliases(keyType, issuers);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
