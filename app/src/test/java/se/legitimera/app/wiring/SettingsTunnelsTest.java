package se.legitimera.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import se.legitimera.app.gateway.PinCancelledException;
import se.legitimera.app.gateway.Tunnel;
import se.legitimera.app.gateway.TunnelMode;
import se.legitimera.app.gateway.TunnelStatistics;
import se.legitimera.app.ui.tunnel.TunnelState;
import se.legitimera.app.ui.tunnel.TunnelState.Phase;
import se.legitimera.app.ui.tunnel.TunnelState.Problem;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SettingsTunnelsTest {

    private final List<List<TunnelState>> heard = new CopyOnWriteArrayList<>();
    private final List<FakeTunnel> opened = new ArrayList<>();
    private final List<Runnable> unlockers = new ArrayList<>();
    private SettingsTunnels tunnels;

    @AfterEach
    void closeAll() {
        if (tunnels != null) {
            tunnels.close();
        }
    }

    private final AtomicInteger loginsEnded = new AtomicInteger();
    private final SettingsTunnels.Opener fakeOpener = new SettingsTunnels.Opener() {
        @Override
        public Tunnel open(se.legitimera.app.settings.Tunnel definition, Runnable cardUnlocked) {
            FakeTunnel tunnel = new FakeTunnel(definition.name(), definition.localPort());
            opened.add(tunnel);
            unlockers.add(cardUnlocked);
            return tunnel;
        }

        @Override
        public void cardRemoved() {
            loginsEnded.incrementAndGet();
        }

        @Override
        public void close() {
            loginsEnded.incrementAndGet();
        }
    };

    private static se.legitimera.app.settings.Tunnel tunnel(String name, int port, boolean autostart) {
        return new se.legitimera.app.settings.Tunnel(name, port, URI.create("https://" + name + ".example.se"),
                se.legitimera.app.settings.TunnelMode.HTTP, List.of(), autostart);
    }

    private SettingsTunnels withFake(se.legitimera.app.settings.Tunnel... definitions) {
        tunnels = new SettingsTunnels(List.of(definitions), false, fakeOpener, heard::add);
        return tunnels;
    }

    private Phase phaseOf(String name) {
        return tunnels.states().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().phase();
    }

    @Test
    void beforeAnything_everyTunnelIsStopped() {
        withFake(tunnel("journal", 8443, true), tunnel("lab", 8444, false));

        assertThat(tunnels.states()).extracting(TunnelState::phase).containsExactly(Phase.STOPPED, Phase.STOPPED);
    }

    @Test
    void atStart_onlyTheAutostartedTunnelsOpen() {
        withFake(tunnel("journal", 8443, true), tunnel("lab", 8444, false));

        tunnels.startAutostarted();

        assertThat(opened).extracting(FakeTunnel::name).containsExactly("journal");
        assertThat(phaseOf("journal")).isEqualTo(Phase.LISTENING);
        assertThat(phaseOf("lab")).isEqualTo(Phase.STOPPED);
        assertThat(heard).last().satisfies(states -> assertThat(states).hasSize(2));
    }

    @Test
    void whenTheCardIsUnlockedAndThenRemoved_theTunnelGoesBackToListeningAndLogsOut() {
        withFake(tunnel("journal", 8443, true));
        tunnels.start("journal");

        unlockers.getFirst().run();
        assertThat(phaseOf("journal")).isEqualTo(Phase.CARD_UNLOCKED);

        tunnels.cardRemoved();
        assertThat(phaseOf("journal")).isEqualTo(Phase.LISTENING);
        assertThat(opened.getFirst().cardRemovals).isEqualTo(1);
        assertThat(loginsEnded).as("the shared card login ended").hasValue(1);
    }

    @Test
    void whenTheCardIsRemovedWithEveryTunnelStopped_theSharedLoginStillEnds() {
        withFake(tunnel("journal", 8443, false));

        tunnels.cardRemoved();

        assertThat(loginsEnded).hasValue(1);
    }

    @Test
    void stoppingClosesTheTunnel_andALateUnlockOfItChangesNothing() {
        withFake(tunnel("journal", 8443, true));
        tunnels.start("journal");

        assertThat(tunnels.stop("journal")).hasValueSatisfying(s -> assertThat(s.phase()).isEqualTo(Phase.STOPPED));
        unlockers.getFirst().run();

        assertThat(opened.getFirst().closed).isTrue();
        assertThat(phaseOf("journal")).isEqualTo(Phase.STOPPED);
    }

    @Test
    void toggleStartsAStoppedTunnelAndStopsARunningOne() {
        withFake(tunnel("journal", 8443, false));

        assertThat(tunnels.toggle("journal")).hasValueSatisfying(s -> assertThat(s.phase()).isEqualTo(Phase.LISTENING));
        assertThat(tunnels.toggle("journal")).hasValueSatisfying(s -> assertThat(s.phase()).isEqualTo(Phase.STOPPED));
        assertThat(tunnels.toggle("journal")).hasValueSatisfying(s -> assertThat(s.phase()).isEqualTo(Phase.LISTENING));
        assertThat(opened).hasSize(2);
    }

    @Test
    void startingARunningTunnelAgainOpensNothingNew() {
        withFake(tunnel("journal", 8443, true));
        tunnels.start("journal");
        tunnels.start("journal");

        assertThat(opened).hasSize(1);
    }

    @Test
    void anUnknownNameIsNoTunnel() {
        withFake(tunnel("journal", 8443, true));

        assertThat(tunnels.start("other")).isEmpty();
        assertThat(tunnels.stop("other")).isEmpty();
        assertThat(tunnels.toggle("other")).isEmpty();
    }

    @Test
    void whenThePortIsHeldByAnotherProgram_theRealTunnelFailsWithPortInUse_andTheOthersStillOpen() throws IOException {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int taken = other.getLocalPort();
            int free = probe.getLocalPort();
            probe.close();
            tunnels = new SettingsTunnels(List.of(tunnel("journal", taken, true), tunnel("lab", free, true)), true,
                    new CardTunnelOpener(List.of(), TunnelPins.PROMPT_ONLY, request -> {
                        throw new PinCancelledException("no PIN in this test");
                    }), heard::add);

            tunnels.startAutostarted();

            TunnelState journal = tunnels.states().getFirst();
            assertThat(journal.phase()).isEqualTo(Phase.FAILED);
            assertThat(journal.problem()).isEqualTo(Problem.PORT_IN_USE);
            assertThat(journal.locked()).isTrue();
            assertThat(phaseOf("lab")).isEqualTo(Phase.LISTENING);
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), free)) {
                assertThat(client.isConnected()).isTrue();
            }
            tunnels.stop("lab");
            try (ServerSocket again = new ServerSocket(free, 1, InetAddress.getLoopbackAddress())) {
                assertThat(again.getLocalPort()).as("the stopped tunnel let go of its port").isEqualTo(free);
            }
        }
    }

    @Test
    void whenATrustFileCannotBeRead_theRealTunnelFailsWithThatReason() {
        se.legitimera.app.settings.Tunnel definition = new se.legitimera.app.settings.Tunnel("journal", 1,
                URI.create("https://journal.example.se"), se.legitimera.app.settings.TunnelMode.HTTP,
                List.of(Path.of("/nowhere/journal-ca.pem")), true);
        tunnels = new SettingsTunnels(List.of(definition), false, new CardTunnelOpener(List.of(), TunnelPins.PROMPT_ONLY, request -> {
            throw new PinCancelledException("no PIN in this test");
        }), heard::add);

        assertThat(tunnels.start("journal")).hasValueSatisfying(state -> {
            assertThat(state.problem()).isEqualTo(Problem.TRUST_UNREADABLE);
            assertThat(state.detail()).contains("/nowhere/journal-ca.pem");
        });
    }

    @Test
    void aFailedTunnelCanBeStartedAgainOnceThePortIsFree() throws IOException {
        int port;
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = other.getLocalPort();
            tunnels = new SettingsTunnels(List.of(tunnel("journal", port, true)), false,
                    new CardTunnelOpener(List.of(), TunnelPins.PROMPT_ONLY, request -> {
                        throw new PinCancelledException("no PIN in this test");
                    }), heard::add);
            assertThat(tunnels.start("journal")).hasValueSatisfying(s -> assertThat(s.phase()).isEqualTo(Phase.FAILED));
        }

        assertThat(tunnels.start("journal")).hasValueSatisfying(s -> assertThat(s.phase()).isEqualTo(Phase.LISTENING));
    }

    private static final class FakeTunnel implements Tunnel {
        private final String name;
        private final int port;
        int cardRemovals;
        boolean closed;

        FakeTunnel(String name, int port) {
            this.name = name;
            this.port = port;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int localPort() {
            return port;
        }

        @Override
        public URI upstream() {
            return URI.create("https://" + name + ".example.se");
        }

        @Override
        public TunnelMode mode() {
            return TunnelMode.HTTP;
        }

        @Override
        public void cardRemoved() {
            cardRemovals++;
        }

        @Override
        public TunnelStatistics statistics() {
            return new TunnelStatistics(0, 0, 0, 0, 0);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
