package se.legitimera.smartcard.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The struct sizes a C compiler gives for the PKCS#11 headers, for every layout, on every OS. */
class CkLayoutTest {

    @Test
    @DisplayName("Linux/macOS x64: 64-bit CK_ULONG, natural alignment")
    void unixLayoutMatchesTheHeaders() {
        CkLayout l = CkLayout.UNIX_64;
        assertThat(l.attribute().size()).isEqualTo(24);
        assertThat(l.attribute().offset("pValue")).isEqualTo(8);
        assertThat(l.attribute().offset("ulValueLen")).isEqualTo(16);
        assertThat(l.mechanism().size()).isEqualTo(24);
        assertThat(l.pssParams().size()).isEqualTo(24);
        assertThat(l.initializeArgs().size()).isEqualTo(48);
        assertThat(l.initializeArgs().offset("flags")).isEqualTo(32);
        assertThat(l.info().offset("flags")).isEqualTo(40);
        assertThat(l.info().offset("libraryDescription")).isEqualTo(48);
        assertThat(l.info().offset("libraryVersion")).isEqualTo(80);
        assertThat(l.info().size()).isEqualTo(88);
        assertThat(l.slotInfo().offset("flags")).isEqualTo(96);
        assertThat(l.slotInfo().size()).isEqualTo(112);
        assertThat(l.tokenInfo().offset("flags")).isEqualTo(96);
        assertThat(l.tokenInfo().offset("ulMinPinLen")).isEqualTo(144);
        assertThat(l.tokenInfo().offset("hardwareVersion")).isEqualTo(184);
        assertThat(l.tokenInfo().offset("utcTime")).isEqualTo(188);
        assertThat(l.tokenInfo().size()).isEqualTo(208);
        assertThat(l.functionList().offset("C_Initialize")).isEqualTo(8);
        assertThat(l.functionList().offset("C_Sign")).isEqualTo(8 + 43 * 8);
        assertThat(l.functionList().size()).isEqualTo(8 + 68 * 8);
    }

    @Test
    @DisplayName("Windows x64: 32-bit CK_ULONG, structs packed to 1 byte")
    void windows64LayoutIsPacked() {
        CkLayout l = CkLayout.WINDOWS_X64;
        assertThat(l.attribute().size()).isEqualTo(16);
        assertThat(l.attribute().offset("pValue")).isEqualTo(4);
        assertThat(l.attribute().offset("ulValueLen")).isEqualTo(12);
        assertThat(l.mechanism().size()).isEqualTo(16);
        assertThat(l.pssParams().size()).isEqualTo(12);
        assertThat(l.initializeArgs().size()).isEqualTo(44);
        assertThat(l.info().offset("flags")).isEqualTo(34);
        assertThat(l.info().size()).isEqualTo(72);
        assertThat(l.slotInfo().size()).isEqualTo(104);
        assertThat(l.tokenInfo().offset("ulMinPinLen")).isEqualTo(96 + 6 * 4);
        assertThat(l.tokenInfo().size()).isEqualTo(160);
        assertThat(l.functionList().offset("C_Initialize")).isEqualTo(2);
        assertThat(l.functionList().size()).isEqualTo(2 + 68 * 8);
    }

    @Test
    @DisplayName("Windows x86: 32-bit CK_ULONG and pointers, packed")
    void windows32Layout() {
        CkLayout l = CkLayout.WINDOWS_X86;
        assertThat(l.attribute().size()).isEqualTo(12);
        assertThat(l.mechanism().size()).isEqualTo(12);
        assertThat(l.initializeArgs().size()).isEqualTo(24);
        assertThat(l.functionList().offset("C_Sign")).isEqualTo(2 + 43 * 4);
    }

    @Test
    void currentLayoutMatchesThisProcess() {
        CkLayout l = CkLayout.current();
        assertThat(l.ulongSize()).isEqualTo(com.sun.jna.Native.LONG_SIZE);
        assertThat(l.packed()).isEqualTo(System.getProperty("os.name").startsWith("Windows"));
    }

    @Test
    void pssParametersAreEncodedInTheModulesLayout() {
        byte[] unix = Mechanism.pss(HashAlgorithm.SHA384).parameter(CkLayout.UNIX_64);
        ByteBuffer u = ByteBuffer.wrap(unix).order(ByteOrder.nativeOrder());
        assertThat(unix).hasSize(24);
        assertThat(u.getLong(0)).isEqualTo(Ck.CKM_SHA384);
        assertThat(u.getLong(8)).isEqualTo(Ck.CKG_MGF1_SHA384);
        assertThat(u.getLong(16)).isEqualTo(48);

        byte[] windows = Mechanism.pss(HashAlgorithm.SHA256).parameter(CkLayout.WINDOWS_X64);
        ByteBuffer w = ByteBuffer.wrap(windows).order(ByteOrder.nativeOrder());
        assertThat(windows).hasSize(12);
        assertThat(w.getInt(0)).isEqualTo((int) Ck.CKM_SHA256);
        assertThat(w.getInt(4)).isEqualTo((int) Ck.CKG_MGF1_SHA256);
        assertThat(w.getInt(8)).isEqualTo(32);
    }

    @Test
    void ulongTemplateValuesFollowTheLayout() {
        assertThat(TemplateAttribute.ulong(Ck.CKA_CLASS, Ck.CKO_PRIVATE_KEY).encode(CkLayout.UNIX_64)).hasSize(8);
        assertThat(TemplateAttribute.ulong(Ck.CKA_CLASS, Ck.CKO_PRIVATE_KEY).encode(CkLayout.WINDOWS_X64)).hasSize(4);
        assertThat(TemplateAttribute.bool(Ck.CKA_SIGN, true).encode(CkLayout.UNIX_64)).containsExactly(1);
    }
}
