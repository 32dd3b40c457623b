package se.legitimera.app.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A tunnel listening on loopback, one virtual thread per local connection. */
final class LoopbackTunnel implements Tunnel {

    private static final Logger LOG = LoggerFactory.getLogger(LoopbackTunnel.class);
    private static final int BACKLOG = 128;

    private final String name;
    private final int localPort;
    private final URI upstream;
    private final TunnelMode mode;
    private final List<ServerSocket> listeners;
    private final UpstreamConnector connector;
    private final HttpForwarder forwarder;
    private final Semaphore slots;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final List<Thread> acceptors = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private volatile boolean closed;

    private LoopbackTunnel(String name, URI upstream, TunnelMode mode, int maxConnections,
            List<ServerSocket> listeners, UpstreamConnector connector) {
        this.name = name;
        this.localPort = listeners.getFirst().getLocalPort();
        this.upstream = upstream;
        this.mode = mode;
        this.listeners = List.copyOf(listeners);
        this.connector = connector;
        this.slots = new Semaphore(maxConnections);
        this.forwarder = new HttpForwarder(name, localPort, upstream, connector, requests);
    }

    static LoopbackTunnel open(String name, int localPort, URI upstream, TunnelMode mode, int maxConnections,
            List<InetAddress> addresses, boolean bothLoopbacks, UpstreamConnector connector) throws IOException {
        List<ServerSocket> listeners = new ArrayList<>();
        try {
            if (bothLoopbacks) {
                ServerSocket v4 = bind(InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}), localPort);
                listeners.add(v4);
                byte[] v6 = new byte[16];
                v6[15] = 1;
                try {
                    listeners.add(bind(InetAddress.getByAddress("localhost", v6), v4.getLocalPort()));
                } catch (IOException e) {
                    LOG.info("Tunnel {}: listening on 127.0.0.1 only (::1: {})", name, e.getMessage());
                }
            } else {
                int port = localPort;
                for (InetAddress address : addresses) {
                    ServerSocket listener = bind(address, port);
                    listeners.add(listener);
                    port = listener.getLocalPort();
                }
            }
        } catch (IOException e) {
            for (ServerSocket listener : listeners) {
                listener.close();
            }
            throw e;
        }
        LoopbackTunnel tunnel = new LoopbackTunnel(name, upstream, mode, maxConnections, listeners, connector);
        for (ServerSocket listener : listeners) {
            tunnel.acceptors.add(Thread.ofVirtual().name("tunnel-" + name + "-accept")
                    .start(() -> tunnel.acceptLoop(listener)));
        }
        LOG.info("Tunnel {} ({}) listening on port {} for {}", name, mode, tunnel.localPort, upstream);
        return tunnel;
    }

    private static ServerSocket bind(InetAddress address, int port) throws IOException {
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("A tunnel listens on loopback only, refused: " + address);
        }
        ServerSocket listener = new ServerSocket();
        try {
            listener.bind(new InetSocketAddress(address, port), BACKLOG);
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        return listener;
    }

    private void acceptLoop(ServerSocket listener) {
        while (!closed && !listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("Tunnel {}: accept failed: {}", name, e.getMessage());
                }
                continue;
            }
            admit(socket);
        }
    }

    /** Admits a freshly accepted connection, or refuses it (non-loopback peer, connection limit). */
    void admit(Socket socket) {
        InetAddress peer = socket.getInetAddress();
        if (!LoopbackAddresses.isLoopback(peer)) {
            refused.incrementAndGet();
            LOG.warn("Tunnel {}: refused a connection from the non-loopback address {}", name, peer.getHostAddress());
            closeQuietly(socket);
            return;
        }
        if (!slots.tryAcquire()) {
            refused.incrementAndGet();
            LOG.warn("Tunnel {}: refused a connection, the limit of simultaneous connections is reached", name);
            Thread.ofVirtual().name("tunnel-" + name + "-busy").start(() -> {
                try (socket) {
                    if (mode == TunnelMode.HTTP) {
                        HttpForwarder.refuse(socket.getOutputStream(), TunnelFailure.TOO_MANY_CONNECTIONS);
                    }
                } catch (IOException ignored) {
                    // the refused client went away
                }
            });
            return;
        }
        clients.add(socket);
        if (closed) {
            // close() ran after accept() returned and may not have seen this socket: it must not outlive the tunnel
            clients.remove(socket);
            closeQuietly(socket);
            slots.release();
            return;
        }
        accepted.incrementAndGet();
        Thread.ofVirtual().name("tunnel-" + name + "-conn").start(() -> {
            try {
                if (mode == TunnelMode.HTTP) {
                    forwarder.serve(socket);
                } else {
                    wrap(socket);
                }
            } catch (IOException e) {
                LOG.debug("Tunnel {}: connection ended: {}", name, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.error("Tunnel {}: connection failed", name, e);
            } finally {
                clients.remove(socket);
                closeQuietly(socket);
                slots.release();
            }
        });
    }

    /** Raw TLS mode: one upstream TLS connection per local TCP connection, bytes copied both ways. */
    private void wrap(Socket socket) throws IOException, InterruptedException {
        UpstreamConnection upstreamConnection;
        try {
            upstreamConnection = connector.connect();
        } catch (GatewayException e) {
            // a raw TCP client cannot show a page: the log says why, the connection closes
            LOG.warn("Tunnel {}: {}: {}", name, e.failure(), HttpForwarder.describe(e));
            return;
        }
        socket.setSoTimeout(0);
        socket.setTcpNoDelay(true);
        upstreamConnection.socket.setSoTimeout(0);
        try {
            RawPipe.run("tunnel-" + name + "-out", socket, socket.getInputStream(), socket.getOutputStream(),
                    upstreamConnection.socket, upstreamConnection.in, upstreamConnection.out);
        } finally {
            connector.discard(upstreamConnection);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int localPort() {
        return localPort;
    }

    @Override
    public URI upstream() {
        return upstream;
    }

    @Override
    public TunnelMode mode() {
        return mode;
    }

    @Override
    public void cardRemoved() {
        connector.logOut();
    }

    @Override
    public TunnelStatistics statistics() {
        return new TunnelStatistics(accepted.get(), refused.get(), requests.get(), connector.connections(),
                connector.keyUses());
    }

    @Override
    public void close() {
        closed = true;
        for (ServerSocket listener : listeners) {
            try {
                listener.close();
            } catch (IOException e) {
                LOG.debug("Tunnel {}: closing a listener failed: {}", name, e.getMessage());
            }
        }
        connector.close();
        for (Socket client : List.copyOf(clients)) {
            closeQuietly(client);
        }
        // A listener closed while a virtual thread waits in accept() lets go of its port only once that
        // thread has woken: wait for it, so that the port is free again when close() returns (a restart).
        for (Thread acceptor : acceptors) {
            try {
                if (!acceptor.join(java.time.Duration.ofSeconds(2))) {
                    LOG.warn("Tunnel {}: the listener did not stop within 2 s", name);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        LOG.info("Tunnel {} closed", name);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
