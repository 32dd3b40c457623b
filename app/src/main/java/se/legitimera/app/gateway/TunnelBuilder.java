package se.legitimera.app.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Configures and opens a {@link Tunnel}. Every {@code withX} method checks its argument at once and throws
 * {@link IllegalArgumentException} for a value the gateway refuses (a non-loopback listen address, a
 * non-https upstream). Not thread-safe; use one builder per tunnel.
 */
public final class TunnelBuilder {

    /** Default per-tunnel limit of simultaneous local connections. */
    public static final int DEFAULT_MAX_CONNECTIONS = 64;

    private String name;
    private int localPort = -1;
    private URI upstream;
    private TunnelMode mode = TunnelMode.HTTP;
    private ClientCredentials credentials;
    private PinPrompt pinPrompt;
    private final List<X509Certificate> trustedCertificates = new ArrayList<>();
    private boolean systemTrust = true;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private List<InetAddress> listenAddresses = List.of(InetAddress.getLoopbackAddress());
    private boolean listenOnBothLoopbacks = true;
    private Clock clock = Clock.systemUTC();

    TunnelBuilder() {
    }

    /** The tunnel's name from the settings; shown in PIN prompts and logs. */
    public TunnelBuilder withName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A tunnel needs a name");
        }
        this.name = name;
        return this;
    }

    /** The loopback port, 1 to 65535, or 0 for a free port chosen by the system (tests). */
    public TunnelBuilder withLocalPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Local port out of range: " + port);
        }
        this.localPort = port;
        return this;
    }

    /** The upstream, {@code https://host[:port]} (port 443 when absent); a path is ignored. */
    public TunnelBuilder withUpstream(URI upstream) {
        Objects.requireNonNull(upstream, "upstream");
        if (!"https".equalsIgnoreCase(upstream.getScheme()) || upstream.getHost() == null) {
            throw new IllegalArgumentException("The upstream must be an https://host[:port] URL: " + upstream);
        }
        if (upstream.getUserInfo() != null) {
            throw new IllegalArgumentException("The upstream URL must not carry user information");
        }
        this.upstream = upstream;
        return this;
    }

    public TunnelBuilder withMode(TunnelMode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /** Where the card's client certificate and key come from. Required. */
    public TunnelBuilder withCredentials(ClientCredentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        return this;
    }

    /** Who is asked for the PIN. Required. */
    public TunnelBuilder withPinPrompt(PinPrompt pinPrompt) {
        this.pinPrompt = Objects.requireNonNull(pinPrompt, "pinPrompt");
        return this;
    }

    /** Adds CA certificates that may issue the upstream's server certificate, besides the system's. */
    public TunnelBuilder withTrustedCertificates(Collection<X509Certificate> certificates) {
        trustedCertificates.addAll(List.copyOf(certificates));
        return this;
    }

    /** Whether the JDK's system trust store counts too (default true). */
    public TunnelBuilder withSystemTrust(boolean systemTrust) {
        this.systemTrust = systemTrust;
        return this;
    }

    /** At most this many simultaneous local connections (default {@value #DEFAULT_MAX_CONNECTIONS}). */
    public TunnelBuilder withMaxConnections(int maxConnections) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
        this.maxConnections = maxConnections;
        return this;
    }

    /**
     * The addresses to listen on; by default 127.0.0.1 and ::1 (when the system has IPv6).
     *
     * @throws IllegalArgumentException for any address that is not a loopback address: a tunnel is a
     *     key to the user's card and must never be reachable from another machine
     */
    public TunnelBuilder withListenAddresses(Collection<InetAddress> addresses) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("A tunnel needs a listen address");
        }
        for (InetAddress address : addresses) {
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException("A tunnel listens on loopback only, refused: " + address);
            }
        }
        this.listenAddresses = List.copyOf(addresses);
        this.listenOnBothLoopbacks = false;
        return this;
    }

    /** The clock for idle expiry of pooled upstream connections. */
    public TunnelBuilder withClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Binds the port and starts accepting connections. Does not touch the card: the PIN is asked when
     * the first connection needs the upstream.
     *
     * @throws IllegalStateException when name, local port, upstream, credentials or PIN prompt is missing
     * @throws IOException when the port cannot be bound or the trust store cannot be read
     */
    public Tunnel open() throws IOException {
        if (name == null || localPort < 0 || upstream == null || credentials == null || pinPrompt == null) {
            throw new IllegalStateException("A tunnel needs a name, a local port, an upstream, credentials and "
                    + "a PIN prompt");
        }
        UpstreamTrust trust;
        try {
            trust = UpstreamTrust.create(systemTrust, trustedCertificates);
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot build the trust store for the upstream", e);
        }
        String host = upstream.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = upstream.getPort() == -1 ? 443 : upstream.getPort();
        UpstreamConnector connector = new UpstreamConnector(name, host.toLowerCase(Locale.ROOT), port, mode,
                credentials, pinPrompt, trust, clock);
        List<InetAddress> addresses = new ArrayList<>(listenAddresses);
        return LoopbackTunnel.open(name, localPort, upstream, mode, maxConnections, addresses,
                listenOnBothLoopbacks, connector);
    }

    /**
     * Reads the certificates of a PEM (or DER) file, as given with {@code --trust} or in the settings.
     *
     * @throws IOException when the file cannot be read or holds no certificate
     */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> all = CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : all) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IOException("No certificate in " + file);
            }
            return certificates;
        } catch (CertificateException e) {
            throw new IOException("Not a certificate file: " + file, e);
        }
    }
}
