package se.legitimera.app.cli;

import java.io.InputStream;
import java.util.Objects;
import java.util.function.Supplier;
import se.legitimera.app.settings.CardProfilePolicy;
import se.legitimera.oob.OobClient;
import se.legitimera.oob.OobClientBuilder;
import se.legitimera.smartcard.api.CardMonitor;
import se.legitimera.smartcard.pcsc.TerminalSource;

/**
 * What {@code legitimera auth} needs from the composition root.
 *
 * @param card       where the identification key comes from: card readers watched by a monitor (the
 *                   default), or a fixed signer factory (tests, other key stores)
 * @param baseClient a client builder already configured from settings and policy (allowed origins, pins,
 *                   proxy, extra trust); the command adds {@code --allow} and {@code --trust} for one run
 * @param stdin      standard input, for {@code --stdin}
 */
public record AuthEnvironment(CardAccess card, Supplier<OobClientBuilder> baseClient, InputStream stdin) {

    /** Where the command finds the card's identification key. */
    public sealed interface CardAccess {

        /**
         * The card in one of the readers of a monitor made for the run (and closed after it); the command
         * picks the reader ({@code --reader}) and the identification certificate, and signs by APDU.
         */
        record Readers(Supplier<CardMonitor> monitors) implements CardAccess {
            public Readers {
                Objects.requireNonNull(monitors);
            }
        }

        /** A signer factory that needs no reader choice. */
        record Signers(ProofSignerFactory factory) implements CardAccess {
            public Signers {
                Objects.requireNonNull(factory);
            }
        }
    }

    public AuthEnvironment {
        Objects.requireNonNull(card);
        Objects.requireNonNull(baseClient);
        Objects.requireNonNull(stdin);
    }

    /** A fixed signer factory instead of card readers. */
    public AuthEnvironment(ProofSignerFactory signers, Supplier<OobClientBuilder> baseClient, InputStream stdin) {
        this(new CardAccess.Signers(signers), baseClient, stdin);
    }

    /**
     * The default: the system's PC/SC readers (a monitor over {@link TerminalSource#pcsc()} per run), no
     * origin allowed beyond {@code --allow}, this process's standard input.
     */
    public static AuthEnvironment systemReaders() {
        return new AuthEnvironment(
                new CardAccess.Readers(() -> CardMonitor.builder().withTerminalSource(TerminalSource.pcsc())
                        .withProfiles(CardProfilePolicy.forThisMachine()).build()),
                OobClient::builder, System.in);
    }
}
