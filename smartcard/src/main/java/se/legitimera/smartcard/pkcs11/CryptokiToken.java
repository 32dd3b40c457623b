package se.legitimera.smartcard.pkcs11;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Token} with one lazily opened session, all calls serialised by one lock. */
final class CryptokiToken implements Token {

    private static final Logger LOG = LoggerFactory.getLogger(CryptokiToken.class);
    private static final long NO_SESSION = -1;
    /**
     * How long a failing call waits for the slot to show the token gone. pcscd polls readers without
     * interrupt (vpcd, some CCID readers) every 400 ms, and the middleware asks pcscd, so a card pulled
     * mid-command may still look present for that long; 2 s leaves room for a loaded machine.
     */
    private static final long REMOVAL_SETTLE_NANOS = 2_000_000_000L;
    private static final long REMOVAL_POLL_MILLIS = 50;

    private final NativeCryptoki cryptoki;
    private final ModuleInfo module;
    private final SlotInfo slot;
    private final TokenInfo identity;
    private final UnblockStyle unblockStyle;
    private final ReentrantLock lock = new ReentrantLock(true);
    private long session = NO_SESSION;
    private List<TokenCertificate> certificates;

    CryptokiToken(NativeCryptoki cryptoki, ModuleInfo module, SlotInfo slot, TokenInfo identity,
            UnblockStyle unblockStyle) {
        this.cryptoki = cryptoki;
        this.module = module;
        this.slot = slot;
        this.identity = identity;
        this.unblockStyle = unblockStyle;
    }

    static boolean isRemoval(long rv) {
        return rv == Ck.CKR_TOKEN_NOT_PRESENT || rv == Ck.CKR_DEVICE_REMOVED
                || rv == Ck.CKR_SESSION_HANDLE_INVALID || rv == Ck.CKR_SESSION_CLOSED;
    }

    boolean isSameToken(TokenInfo now) {
        return identity.serialNumber().equals(now.serialNumber()) && identity.label().equals(now.label());
    }

    @Override
    public SlotInfo slot() {
        return slot;
    }

    @Override
    public ModuleInfo module() {
        return module;
    }

    @Override
    public TokenInfo info() throws Pkcs11Exception {
        lock.lock();
        try {
            return cryptoki.getTokenInfo(slot.slotId());
        } catch (CkCallFailure e) {
            throw translate(e, Secret.NONE);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<TokenCertificate> certificates() throws Pkcs11Exception {
        lock.lock();
        try {
            if (certificates == null) {
                try {
                    certificates = readCertificates(session());
                } catch (CkCallFailure e) {
                    if (e.rv() != Ck.CKR_SESSION_HANDLE_INVALID && e.rv() != Ck.CKR_SESSION_CLOSED) {
                        throw e;
                    }
                    // A stale session (card reinserted since): no secret involved, so one fresh try is safe.
                    dropSession();
                    certificates = readCertificates(session());
                }
            }
            return certificates;
        } catch (CkCallFailure e) {
            throw translate(e, Secret.NONE);
        } finally {
            lock.unlock();
        }
    }

    private List<TokenCertificate> readCertificates(long s) throws CkCallFailure, Pkcs11Exception {
        long[] handles = cryptoki.findObjects(s, List.of(
                TemplateAttribute.ulong(Ck.CKA_CLASS, Ck.CKO_CERTIFICATE),
                TemplateAttribute.ulong(Ck.CKA_CERTIFICATE_TYPE, Ck.CKC_X_509)));
        List<TokenCertificate> found = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("every JDK has X.509", e);
        }
        for (long handle : handles) {
            byte[] value = cryptoki.getAttribute(s, handle, Ck.CKA_VALUE);
            if (value == null) {
                continue;
            }
            byte[] id = cryptoki.getAttribute(s, handle, Ck.CKA_ID);
            byte[] label = cryptoki.getAttribute(s, handle, Ck.CKA_LABEL);
            try {
                X509Certificate certificate = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(value));
                found.add(new TokenCertificate(id == null ? new byte[0] : id,
                        label == null ? "" : new String(label, StandardCharsets.UTF_8), certificate));
            } catch (CertificateException e) {
                LOG.warn("Skipping an unparseable certificate object on token in {}: {}", slot.description(),
                        e.getMessage());
            }
        }
        return List.copyOf(found);
    }

    @Override
    public byte[] sign(TokenCertificate certificate, SignatureScheme scheme, byte[] data, char[] pin)
            throws Pkcs11Exception {
        return signDigest(certificate, scheme, scheme.hash().digest(data), pin);
    }

    @Override
    public byte[] signDigest(TokenCertificate certificate, SignatureScheme scheme, byte[] digest, char[] pin)
            throws Pkcs11Exception {
        byte[] input = switch (scheme.keyAlgorithm()) {
            case RSA -> scheme.isPss() ? digest.clone() : scheme.hash().digestInfo(digest);
            case EC -> digest.clone();
        };
        if (digest.length != scheme.hash().length()) {
            throw new IllegalArgumentException("digest length " + digest.length + " does not fit " + scheme);
        }
        Mechanism mechanism = scheme.isPss() ? Mechanism.pss(scheme.hash())
                : Mechanism.of(scheme.keyAlgorithm() == KeyAlgorithm.EC ? Ck.CKM_ECDSA : Ck.CKM_RSA_PKCS);
        byte[] secret = encode(pin);
        lock.lock();
        Secret stage = Secret.USER_PIN;
        try {
            long s = session();
            loginUser(s, secret);
            stage = Secret.NONE;
            long key = findKey(s, certificate, scheme);
            boolean alwaysAuthenticate = isTrue(cryptoki.getAttribute(s, key, Ck.CKA_ALWAYS_AUTHENTICATE));
            cryptoki.signInit(s, mechanism, key);
            if (alwaysAuthenticate) {
                // A signature key (e.g. non-repudiation) wants the PIN again for each operation.
                stage = Secret.USER_PIN;
                cryptoki.login(s, Ck.CKU_CONTEXT_SPECIFIC, secret);
                stage = Secret.NONE;
            }
            byte[] signature = cryptoki.sign(s, input);
            return scheme.keyAlgorithm() == KeyAlgorithm.EC ? EcdsaSignatureEncoding.rawToDer(signature) : signature;
        } catch (CkCallFailure e) {
            throw translate(e, stage);
        } finally {
            Arrays.fill(secret, (byte) 0);
            logoutQuietly();
            lock.unlock();
        }
    }

    private long findKey(long s, TokenCertificate certificate, SignatureScheme scheme)
            throws CkCallFailure, Pkcs11Exception {
        long[] keys = cryptoki.findObjects(s, List.of(
                TemplateAttribute.ulong(Ck.CKA_CLASS, Ck.CKO_PRIVATE_KEY),
                TemplateAttribute.bytes(Ck.CKA_ID, certificate.id())));
        if (keys.length == 0) {
            throw new KeyNotFoundException(certificate.label());
        }
        byte[] type = cryptoki.getAttribute(s, keys[0], Ck.CKA_KEY_TYPE);
        long keyType = type == null ? -1 : decodeUlong(type);
        KeyAlgorithm algorithm = keyType == Ck.CKK_RSA ? KeyAlgorithm.RSA : keyType == Ck.CKK_EC ? KeyAlgorithm.EC : null;
        if (algorithm != scheme.keyAlgorithm()) {
            throw new MechanismNotSupportedException("key '" + certificate.label() + "' is "
                    + (algorithm == null ? "of type " + keyType : algorithm) + ", cannot sign " + scheme);
        }
        return keys[0];
    }

    @Override
    public void changePin(char[] oldPin, char[] newPin) throws Pkcs11Exception {
        byte[] oldSecret = encode(oldPin);
        byte[] newSecret = encode(newPin);
        lock.lock();
        Secret stage = Secret.USER_PIN;
        try {
            long s = session();
            loginUser(s, oldSecret);
            stage = Secret.NEW_PIN;
            cryptoki.setPin(s, oldSecret, newSecret);
            LOG.info("PIN changed on token in {}", slot.description());
        } catch (CkCallFailure e) {
            throw translate(e, stage);
        } finally {
            Arrays.fill(oldSecret, (byte) 0);
            Arrays.fill(newSecret, (byte) 0);
            logoutQuietly();
            lock.unlock();
        }
    }

    @Override
    public void unblockPin(char[] puk, char[] newPin) throws Pkcs11Exception {
        if (unblockStyle == UnblockStyle.NOT_SUPPORTED) {
            throw new UnblockNotSupportedException(module.library().getFileName().toString());
        }
        byte[] pukSecret = encode(puk);
        byte[] newSecret = encode(newPin);
        lock.lock();
        Secret stage = Secret.PUK;
        try {
            long s = session();
            logoutQuietly();
            switch (unblockStyle) {
                case SET_PIN_IN_UNLOGGED_SESSION -> cryptoki.setPin(s, pukSecret, newSecret);
                case SET_PIN_IN_CONTEXT_SPECIFIC_LOGIN -> {
                    cryptoki.login(s, Ck.CKU_CONTEXT_SPECIFIC, pukSecret);
                    cryptoki.setPin(s, pukSecret, newSecret);
                }
                case INIT_PIN_IN_SO_SESSION -> {
                    cryptoki.login(s, Ck.CKU_SO, pukSecret);
                    stage = Secret.NEW_PIN;
                    cryptoki.initPin(s, newSecret);
                }
                case NOT_SUPPORTED -> throw new IllegalStateException("checked above");
            }
            LOG.info("PIN unblocked on token in {} ({})", slot.description(), unblockStyle);
        } catch (CkCallFailure e) {
            throw translate(e, stage);
        } finally {
            Arrays.fill(pukSecret, (byte) 0);
            Arrays.fill(newSecret, (byte) 0);
            logoutQuietly();
            lock.unlock();
        }
    }

    /** Logs the user in; a login left behind (another app, an aborted call) is ended first. */
    private void loginUser(long s, byte[] secret) throws CkCallFailure {
        try {
            cryptoki.login(s, Ck.CKU_USER, secret);
        } catch (CkCallFailure e) {
            if (e.rv() != Ck.CKR_USER_ALREADY_LOGGED_IN) {
                throw e;
            }
            cryptoki.logout(s);
            cryptoki.login(s, Ck.CKU_USER, secret);
        }
    }

    private long session() throws CkCallFailure {
        if (session == NO_SESSION) {
            try {
                session = cryptoki.openSession(slot.slotId(), Ck.CKF_SERIAL_SESSION | Ck.CKF_RW_SESSION);
            } catch (CkCallFailure e) {
                if (e.rv() != Ck.CKR_TOKEN_WRITE_PROTECTED) {
                    throw e;
                }
                session = cryptoki.openSession(slot.slotId(), Ck.CKF_SERIAL_SESSION);
            }
        }
        return session;
    }

    private void logoutQuietly() {
        if (session == NO_SESSION) {
            return;
        }
        try {
            cryptoki.logout(session);
        } catch (CkCallFailure e) {
            if (isRemoval(e.rv())) {
                dropSession();
            } // CKR_USER_NOT_LOGGED_IN is the normal case after a failed login
        }
    }

    private void dropSession() {
        if (session != NO_SESSION) {
            try {
                cryptoki.closeSession(session);
            } catch (CkCallFailure e) {
                LOG.debug("Closing a dead session: {}", e.getMessage());
            }
            session = NO_SESSION;
            certificates = null;
        }
    }

    void closeSession() {
        lock.lock();
        try {
            dropSession();
        } finally {
            lock.unlock();
        }
    }

    /** Which secret the failing call was checking, to tell a wrong PIN from a wrong PUK. */
    private enum Secret { NONE, USER_PIN, NEW_PIN, PUK }

    private Pkcs11Exception translate(CkCallFailure e, Secret secret) {
        long rv = e.rv();
        if (isRemoval(rv) || (isDeviceFailure(rv) && tokenLeftSlot())) {
            dropSession();
            return new TokenRemovedException("token in " + slot.description() + " went away: " + e.getMessage());
        }
        if (rv == Ck.CKR_PIN_INCORRECT || rv == Ck.CKR_PIN_LOCKED) {
            long flags = currentFlags();
            if (secret == Secret.PUK) {
                return new WrongPukException(rv == Ck.CKR_PIN_LOCKED ? PinCounter.LOCKED : PinCounter.fromFlags(flags >>> 4));
            }
            PinCounter counter = PinCounter.fromFlags(flags);
            if (rv == Ck.CKR_PIN_LOCKED || counter == PinCounter.LOCKED) {
                return new PinBlockedException();
            }
            return new WrongPinException(counter);
        }
        if (rv == Ck.CKR_PIN_LEN_RANGE || rv == Ck.CKR_PIN_INVALID) {
            return new PinLengthException(identity.minPinLength(), identity.maxPinLength(),
                    PinCounter.fromFlags(currentFlags()));
        }
        if (rv == Ck.CKR_MECHANISM_INVALID || rv == Ck.CKR_MECHANISM_PARAM_INVALID
                || rv == Ck.CKR_KEY_TYPE_INCONSISTENT || rv == Ck.CKR_KEY_FUNCTION_NOT_PERMITTED) {
            return new MechanismNotSupportedException(module.library().getFileName() + ": " + e.getMessage());
        }
        return new Pkcs11CallException(module.library().getFileName() + ", " + slot.description() + ": "
                + e.getMessage(), rv);
    }

    /**
     * OpenSC reports a card pulled mid-command as a failed transmit, CKR_GENERAL_ERROR, not as
     * CKR_DEVICE_REMOVED; such a failure is a removal when the slot turns empty.
     */
    private static boolean isDeviceFailure(long rv) {
        return rv == Ck.CKR_GENERAL_ERROR || rv == Ck.CKR_DEVICE_ERROR || rv == Ck.CKR_FUNCTION_FAILED;
    }

    /** Whether the slot is (or within {@link #REMOVAL_SETTLE_NANOS} becomes) empty; the reader gone counts. */
    private boolean tokenLeftSlot() {
        long deadline = System.nanoTime() + REMOVAL_SETTLE_NANOS;
        try {
            while (true) {
                try {
                    if (!cryptoki.getSlotInfo(slot.slotId()).tokenPresent()) {
                        return true;
                    }
                } catch (CkCallFailure e) {
                    return isRemoval(e.rv()) || e.rv() == Ck.CKR_SLOT_ID_INVALID;
                }
                if (System.nanoTime() - deadline > 0) {
                    return false;
                }
                Thread.sleep(REMOVAL_POLL_MILLIS);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private long currentFlags() {
        try {
            return cryptoki.getTokenInfo(slot.slotId()).flags();
        } catch (CkCallFailure e) {
            return 0;
        }
    }

    private static boolean isTrue(byte[] bool) {
        return bool != null && bool.length > 0 && bool[0] != 0;
    }

    private static long decodeUlong(byte[] value) {
        ByteBuffer b = ByteBuffer.wrap(value).order(ByteOrder.nativeOrder());
        return value.length == 4 ? b.getInt() & 0xFFFF_FFFFL : value.length == 8 ? b.getLong() : -1;
    }

    /** UTF-8 bytes of a PIN without passing through a String; the encoder's buffer is wiped. */
    static byte[] encode(char[] pin) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer;
        try {
            buffer = encoder.encode(CharBuffer.wrap(pin));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("PIN is not valid text");
        }
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        if (buffer.hasArray()) {
            Arrays.fill(buffer.array(), (byte) 0);
        }
        return out;
    }
}
