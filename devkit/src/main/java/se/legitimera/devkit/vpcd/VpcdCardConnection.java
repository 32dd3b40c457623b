package se.legitimera.devkit.vpcd;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import se.legitimera.devkit.card.VirtualSithsCard;

/**
 * Puts a {@link VirtualSithsCard} into a vsmartcard {@code vpcd} reader of pcscd: connected = card
 * inserted, closed = card removed.
 *
 * <p>vpcd listens on TCP (reader "Virtual PCD 00 00" on 35963, "00 01" on 35964) and the card connects as
 * the client. Every message either way is a 2-byte big-endian length and a payload. A 1-byte payload
 * from vpcd is a control code: 0x00 power off, 0x01 power on, 0x02 reset (no answer), 0x04 get ATR
 * (answer: the ATR). A longer payload is a command APDU, answered with the response APDU.
 *
 * <p>One daemon thread per connection serves vpcd. {@link #close()} removes the card and waits for that
 * thread; when vpcd goes away (pcscd stopped) the connection ends by itself, see
 * {@link #awaitDisconnected(Duration)}, and {@link #reconnect()} inserts the card again. Methods are
 * thread-safe.
 */
public final class VpcdCardConnection implements AutoCloseable {

    /** vpcd's first reader, "Virtual PCD 00 00". */
    public static final InetSocketAddress DEFAULT_ADDRESS = new InetSocketAddress("127.0.0.1", 35963);

    private static final Logger LOG = LoggerFactory.getLogger(VpcdCardConnection.class);
    private static final int CONNECT_TIMEOUT_MS = 2000;

    private final VirtualSithsCard card;
    private final InetSocketAddress address;
    private Session session;

    private VpcdCardConnection(VirtualSithsCard card, InetSocketAddress address) {
        this.card = card;
        this.address = address;
    }

    /**
     * Connects the card to vpcd at {@code address}, which pcscd sees as a card insertion.
     *
     * @throws IOException when nothing listens there (pcscd or vpcd not running)
     */
    public static VpcdCardConnection connect(VirtualSithsCard card, InetSocketAddress address) throws IOException {
        VpcdCardConnection connection = new VpcdCardConnection(Objects.requireNonNull(card, "card"),
                Objects.requireNonNull(address, "address"));
        connection.reconnect();
        return connection;
    }

    /** Parses "host:port" (e.g. "127.0.0.1:35963"); the host defaults to 127.0.0.1 when only ":port" or "port" is given. */
    public static InetSocketAddress parseAddress(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon <= 0 ? "127.0.0.1" : text.substring(0, colon);
        int port = Integer.parseInt(text.substring(colon + 1));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a TCP port: " + port);
        }
        return new InetSocketAddress(host, port);
    }

    /** The card served. */
    public VirtualSithsCard card() {
        return card;
    }

    /** Where vpcd listens. */
    public InetSocketAddress address() {
        return address;
    }

    /** Whether the card is in the reader: connected and vpcd has not hung up. */
    public synchronized boolean isConnected() {
        return session != null && session.running();
    }

    /**
     * Removes the card if it is in and inserts it again (a new TCP connection).
     *
     * @throws IOException when vpcd does not accept the connection
     */
    public synchronized void reconnect() throws IOException {
        closeSession();
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        session = new Session(socket);
        session.start();
        LOG.info("virtual card {} inserted into vpcd at {}", card, address);
    }

    /**
     * Waits until vpcd ends the connection (pcscd stopped) or {@link #close()} is called.
     *
     * @return true when disconnected within the timeout
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitDisconnected(Duration timeout) throws InterruptedException {
        Session current;
        synchronized (this) {
            current = session;
        }
        return current == null || current.ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Waits until pcscd has taken the card: it powered it on through vpcd and read the ATR. pcscd then
     * publishes the insertion to its clients within milliseconds. vpcd serves one card per reader: a
     * second connection to a busy reader is accepted by TCP but never served.
     *
     * @return true when pcscd powered the card and read its ATR within the timeout
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitServed(Duration timeout) throws InterruptedException {
        Session current;
        synchronized (this) {
            current = session;
        }
        return current != null && current.served.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Removes the card: closes the connection, waits for the serving thread and powers the card off. */
    @Override
    public synchronized void close() {
        closeSession();
    }

    private void closeSession() {
        if (session == null) {
            return;
        }
        session.stop();
        session = null;
        card.powerOff();
        LOG.info("virtual card {} removed from vpcd at {}", card, address);
    }

    /** One TCP connection to vpcd and the thread serving it. */
    private final class Session implements Runnable {
        private final Socket socket;
        private final Thread thread;
        private final CountDownLatch ended = new CountDownLatch(1);
        private final CountDownLatch served = new CountDownLatch(1);
        private boolean poweredByReader;
        private volatile boolean stopping;

        Session(Socket socket) {
            this.socket = socket;
            this.thread = Thread.ofPlatform().daemon().name("vpcd-card-" + address.getPort()).unstarted(this);
        }

        void start() {
            thread.start();
        }

        boolean running() {
            return ended.getCount() > 0;
        }

        void stop() {
            stopping = true;
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("closing the vpcd socket failed", e);
            }
            try {
                if (!thread.join(Duration.ofSeconds(5))) {
                    LOG.warn("vpcd card thread did not stop within 5 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            try (DataInputStream in = new DataInputStream(socket.getInputStream());
                 DataOutputStream out = new DataOutputStream(socket.getOutputStream())) {
                while (true) {
                    int length = in.readUnsignedShort();
                    byte[] payload = new byte[length];
                    in.readFully(payload);
                    byte[] answer = serve(payload);
                    if (answer != null) {
                        out.writeShort(answer.length);
                        out.write(answer);
                        out.flush();
                    }
                    // pcscd powers a new card, then reads its ATR: after that it reports the card present
                    if (payload.length == 1 && payload[0] == 0x01) {
                        poweredByReader = true;
                    } else if (payload.length == 1 && payload[0] == 0x04 && poweredByReader) {
                        served.countDown();
                    }
                }
            } catch (EOFException | SocketException e) {
                if (!stopping) {
                    LOG.info("vpcd at {} closed the connection: card out", address);
                }
            } catch (IOException e) {
                if (!stopping) {
                    LOG.warn("vpcd connection to {} failed", address, e);
                }
            } finally {
                card.powerOff();
                ended.countDown();
            }
        }

        private byte[] serve(byte[] payload) {
            if (payload.length == 1) {
                LOG.debug("vpcd control code {}", payload[0]);
                switch (payload[0]) {
                    case 0x00 -> card.powerOff();
                    case 0x01 -> card.powerOn();
                    case 0x02 -> card.reset();
                    case 0x04 -> {
                        return card.presentedAtr().bytes();
                    }
                    default -> LOG.debug("ignoring vpcd control code {}", payload[0]);
                }
                return null;
            }
            try {
                return card.transmit(payload);
            } catch (IllegalStateException e) {
                // pcscd powers the card before it transmits; answer rather than leave vpcd waiting
                LOG.warn("vpcd sent an APDU to a powered-off card");
                return new byte[] {0x6F, 0x00};
            }
        }
    }
}
