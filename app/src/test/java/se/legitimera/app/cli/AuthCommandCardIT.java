package se.legitimera.app.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import se.legitimera.devkit.stack.PcscdFixture;
import se.legitimera.devkit.vpcd.VpcdCardConnection;
import se.legitimera.smartcard.pcsc.TerminalSource;

/**
 * The card scenarios on the production path: jnasmartcardio -> pcscd -> vpcd -> the virtual card over TCP,
 * in vpcd's second reader (the first is left to manual runs). Skipped without pcscd and vpcd (fails in CI).
 */
class AuthCommandCardIT extends CardAuthScenarios {

    private static final int READER_INDEX = 1;
    private static PcscdFixture pcscd;
    private VpcdCardConnection connection;

    @BeforeAll
    static void acquirePcscd() {
        pcscd = PcscdFixture.acquire();
    }

    @AfterAll
    static void releasePcscd() {
        if (pcscd != null) {
            pcscd.close();
        }
    }

    @AfterEach
    void removeCard() {
        if (connection != null) {
            connection.close();
        }
    }

    @Override
    TerminalSource source() {
        return TerminalSource.pcsc();
    }

    @Override
    String readerName() {
        return PcscdFixture.readerName(READER_INDEX);
    }

    @Override
    void insert() throws Exception {
        connection = pcscd.insert(card, READER_INDEX);
    }

    @Override
    void remove() {
        connection.close();
    }
}
