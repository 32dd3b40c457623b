package se.legitimera.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.security.KeyStoreException;
import javax.security.auth.login.FailedLoginException;
import org.junit.jupiter.api.Test;

class CardTunnelCredentialsTest {

    @Test
    void whenSunPkcs11RefusesTheLogin_thenTheReturnCodeIsReadFromTheEndOfTheCauseChain() {
        FailedLoginException login = new FailedLoginException();
        login.initCause(new IllegalStateException("CKR_PIN_INCORRECT"));
        Exception failure = new KeyStoreException("KeyStore instantiation failed", new IOException("load failed", login));

        assertThat(CardTunnelCredentials.returnCode(failure)).hasValue("CKR_PIN_INCORRECT");
    }

    @Test
    void whenTheCodeCarriesExtraText_thenOnlyTheNameIsKept() {
        assertThat(CardTunnelCredentials.returnCode(new IOException("x", new IllegalStateException(
                "CKR_DEVICE_REMOVED: slot 1")))).hasValue("CKR_DEVICE_REMOVED");
    }

    @Test
    void whenNoCodeIsInTheChain_thenNoneIsReported() {
        assertThat(CardTunnelCredentials.returnCode(new IOException("load failed"))).isEmpty();
    }
}
