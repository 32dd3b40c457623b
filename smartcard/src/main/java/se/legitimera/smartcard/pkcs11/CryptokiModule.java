package se.legitimera.smartcard.pkcs11;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Pkcs11Module} over {@link NativeCryptoki}. */
final class CryptokiModule implements Pkcs11Module {

    private static final Logger LOG = LoggerFactory.getLogger(CryptokiModule.class);

    private final NativeCryptoki cryptoki;
    private final ModuleInfo info;
    private final UnblockStyle unblockStyle;
    private final boolean ownsInitialization;
    private final Map<Long, CryptokiToken> tokensBySlot = new HashMap<>();
    private boolean closed;

    private CryptokiModule(NativeCryptoki cryptoki, ModuleInfo info, UnblockStyle unblockStyle,
            boolean ownsInitialization) {
        this.cryptoki = cryptoki;
        this.info = info;
        this.unblockStyle = unblockStyle;
        this.ownsInitialization = ownsInitialization;
    }

    static CryptokiModule open(Path library, CkLayout layout, UnblockStyle unblockStyle) throws ModuleLoadException {
        if (!Files.isRegularFile(library)) {
            throw new ModuleLoadException(library, "no such file");
        }
        NativeCryptoki cryptoki = NativeCryptoki.load(library, layout);
        boolean owns;
        ModuleInfo info;
        try {
            owns = cryptoki.initialize();
            info = cryptoki.getInfo(library);
        } catch (CkCallFailure e) {
            throw new ModuleLoadException(library, e.getMessage());
        }
        LOG.info("Loaded PKCS#11 module {} ({} {}, Cryptoki {}){}", library, info.manufacturer(),
                info.libraryVersion(), info.cryptokiVersion(), owns ? "" : ", already initialised in this process");
        return new CryptokiModule(cryptoki, info, unblockStyle, owns);
    }

    @Override
    public ModuleInfo info() {
        return info;
    }

    @Override
    public UnblockStyle unblockStyle() {
        return unblockStyle;
    }

    @Override
    public synchronized List<SlotInfo> slots() throws Pkcs11Exception {
        ensureOpen();
        try {
            List<SlotInfo> slots = new ArrayList<>();
            for (long slotId : cryptoki.getSlotList(false)) {
                slots.add(cryptoki.getSlotInfo(slotId));
            }
            return slots;
        } catch (CkCallFailure e) {
            throw new Pkcs11CallException(info.library() + ": " + e.getMessage(), e.rv());
        }
    }

    @Override
    public synchronized List<Token> tokens() throws Pkcs11Exception {
        ensureOpen();
        Map<Long, CryptokiToken> present = new HashMap<>();
        List<Token> tokens = new ArrayList<>();
        try {
            for (long slotId : cryptoki.getSlotList(true)) {
                TokenInfo tokenInfo;
                SlotInfo slotInfo;
                try {
                    slotInfo = cryptoki.getSlotInfo(slotId);
                    tokenInfo = cryptoki.getTokenInfo(slotId);
                } catch (CkCallFailure e) {
                    if (CryptokiToken.isRemoval(e.rv()) || e.rv() == Ck.CKR_TOKEN_NOT_RECOGNIZED) {
                        continue; // pulled out while we listed, or a card this middleware does not drive
                    }
                    throw e;
                }
                CryptokiToken token = tokensBySlot.get(slotId);
                if (token == null || !token.isSameToken(tokenInfo)) {
                    token = new CryptokiToken(cryptoki, info, slotInfo, tokenInfo, unblockStyle);
                }
                present.put(slotId, token);
                tokens.add(token);
            }
        } catch (CkCallFailure e) {
            throw new Pkcs11CallException(info.library() + ": " + e.getMessage(), e.rv());
        }
        for (Map.Entry<Long, CryptokiToken> old : tokensBySlot.entrySet()) {
            if (present.get(old.getKey()) != old.getValue()) {
                old.getValue().closeSession();
            }
        }
        tokensBySlot.clear();
        tokensBySlot.putAll(present);
        return tokens;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        tokensBySlot.values().forEach(CryptokiToken::closeSession);
        tokensBySlot.clear();
        if (ownsInitialization) {
            try {
                cryptoki.finalizeModule();
            } catch (CkCallFailure e) {
                LOG.warn("C_Finalize of {} failed: {}", info.library(), e.getMessage());
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("module " + info.library() + " is closed");
        }
    }
}
