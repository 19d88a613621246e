package io.paygate.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformKeysTest {

    private static final PrivateKey KEY = Kat.merchantPrivateKey();
    private static final SigningKey PUBLIC_KEY_MODE = SigningKey.of("PUB_KEY_ID_0112860886012025062700111588000000", KEY);
    private static final SigningKey CERT_MODE = SigningKey.of(Kat.PLATFORM_CERT_SERIAL, KEY);
    private static final SigningKey ROTATED_IN = SigningKey.of("5157F09EFDC096DE15EBE81A47057A7232F1B8E1", KEY);

    private static final PlatformKeys KEYS = PlatformKeys.of(PUBLIC_KEY_MODE, List.of(CERT_MODE, ROTATED_IN));

    @Test
    void nullSerialSelectsTheDefaultKey() {
        assertThat(KEYS.select(null)).isSameAs(PUBLIC_KEY_MODE);
    }

    @Test
    void publicKeyIdSelectsThePublicKeyModeKey() {
        assertThat(KEYS.select("PUB_KEY_ID_0112860886012025062700111588000000")).isSameAs(PUBLIC_KEY_MODE);
    }

    @Test
    void certificateSerialSelectsTheCertificateModeKey() {
        assertThat(KEYS.select(Kat.PLATFORM_CERT_SERIAL)).isSameAs(CERT_MODE);
    }

    @Test
    void rotatedKeyIsSelectableToo() {
        assertThat(KEYS.select("5157F09EFDC096DE15EBE81A47057A7232F1B8E1")).isSameAs(ROTATED_IN);
    }

    @Test
    void unknownSerialSelectsTheDefaultKey() {
        assertThat(KEYS.select("0000000000000000000000000000000000000000")).isSameAs(PUBLIC_KEY_MODE);
    }

    @Test
    void matchingIsExactNotCaseInsensitive() {
        assertThat(KEYS.select(Kat.PLATFORM_CERT_SERIAL.toLowerCase(java.util.Locale.ROOT))).isSameAs(PUBLIC_KEY_MODE);
    }

    @Test
    void allListsTheDefaultFirst() {
        assertThat(KEYS.all()).containsExactly(PUBLIC_KEY_MODE, CERT_MODE, ROTATED_IN);
    }

    @Test
    void allIsUnmodifiable() {
        assertThatThrownBy(() -> KEYS.all().add(ROTATED_IN)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void laterChangesToTheInputListDoNotLeakIn() {
        List<SigningKey> others = new ArrayList<>(List.of(CERT_MODE));
        PlatformKeys keys = PlatformKeys.of(PUBLIC_KEY_MODE, others);
        others.add(ROTATED_IN);
        assertThat(keys.all()).containsExactly(PUBLIC_KEY_MODE, CERT_MODE);
    }

    @Test
    void duplicateIdsAreRejected() {
        assertThatThrownBy(() -> PlatformKeys.of(PUBLIC_KEY_MODE, List.of(CERT_MODE, SigningKey.of(Kat.PLATFORM_CERT_SERIAL, KEY))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultRepeatedAmongOthersIsRejected() {
        assertThatThrownBy(() -> PlatformKeys.of(PUBLIC_KEY_MODE, List.of(PUBLIC_KEY_MODE)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultAloneIsAllowed() {
        assertThat(PlatformKeys.of(CERT_MODE, List.of()).select(null)).isSameAs(CERT_MODE);
    }

    @Test
    void toStringNamesIdsOnly() {
        assertThat(KEYS.toString()).contains(Kat.PLATFORM_CERT_SERIAL).contains("****").doesNotContain("PrivateCrtKey");
    }
}
