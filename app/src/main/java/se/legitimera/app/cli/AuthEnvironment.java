package se.legitimera.app.cli;

import java.io.InputStream;
import java.util.Objects;
import java.util.function.Supplier;
import se.legitimera.oob.OobClient;
import se.legitimera.oob.OobClientBuilder;
import se.legitimera.oob.ProofSigningException;

/**
 * What {@code legitimera auth} needs from the composition root.
 *
 * @param signers    opens the card's identification key
 * @param baseClient a client builder already configured from settings and policy (allowed origins, pins,
 *                   proxy, extra trust); the command adds {@code --allow} and {@code --trust} for one run
 * @param stdin      standard input, for {@code --stdin}
 */
public record AuthEnvironment(ProofSignerFactory signers, Supplier<OobClientBuilder> baseClient, InputStream stdin) {

    public AuthEnvironment {
        Objects.requireNonNull(signers);
        Objects.requireNonNull(baseClient);
        Objects.requireNonNull(stdin);
    }

    /**
     * What a build without a wired card signer gets: no origin allowed beyond {@code --allow}, and a signer
     * factory that says plainly that no card signer is available.
     */
    public static AuthEnvironment withoutCardSigner() {
        return new AuthEnvironment(pin -> {
            throw new ProofSigningException(ProofSigningException.Reason.CARD_ERROR,
                    "this build has no card signer wired for the command line");
        }, OobClient::builder, System.in);
    }
}
