package io.paygate.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SigningKeyTest {

    private static final PrivateKey KEY = Kat.merchantPrivateKey();

    @Test
    void toStringShowsOnlyTheKeyId() {
        assertThat(SigningKey.of(Kat.MERCHANT_SERIAL, KEY).toString())
                .isEqualTo("SigningKey[keyId=" + Kat.MERCHANT_SERIAL + ", ****]");
    }

    @Test
    void toStringContainsNoKeyMaterial() {
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) KEY;
        String pemLine = Kat.resource("merchant-key.pem").split("\n")[3];
        String encoded = Base64.getEncoder().encodeToString(KEY.getEncoded());
        assertThat(SigningKey.of("PUB_KEY_ID_0112860886012025062700111588000000", KEY).toString())
                .doesNotContain(crt.getPrivateExponent().toString(10).substring(0, 12))
                .doesNotContain(crt.getPrivateExponent().toString(16).substring(0, 12))
                .doesNotContain(crt.getPrimeP().toString(16).substring(0, 12))
                .doesNotContain(pemLine.substring(0, 12))
                .doesNotContain(encoded.substring(100, 112));
    }

    @Test
    void keepsIdAndKey() {
        SigningKey key = SigningKey.of("PUB_KEY_ID_0117177801652025070200211653000200", KEY);
        assertThat(key.keyId()).isEqualTo("PUB_KEY_ID_0117177801652025070200211653000200");
        assertThat(key.privateKey()).isSameAs(KEY);
    }

    @Test
    void acceptsA64CharacterId() {
        assertThat(SigningKey.of("A".repeat(64), KEY).keyId()).hasSize(64);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", "1DDE-55AD", "1DDE 55AD", "1DDE\n55AD", "serial\"", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void rejectsIdsThatCannotGoInAHeader(String id) {
        assertThatThrownBy(() -> SigningKey.of(id, KEY)).isInstanceOf(IllegalArgumentException.class);
    }
}
