package io.paygate.gateway.verify;

import io.paygate.signing.ApiV3Key;
import java.security.PublicKey;
import java.util.Map;

/**
 * What the edge knows of a merchant: its id and appid, the public keys it signs with (by serial),
 * and its APIv3 key (for encrypted certificates and notifications). Immutable; replaced as a whole
 * when keys change. {@link #toString()} prints no key material.
 */
public record MerchantCredentials(String mchid, String appid, Map<String, PublicKey> keysBySerial, ApiV3Key apiV3Key) {

    public MerchantCredentials {
        keysBySerial = Map.copyOf(keysBySerial);
    }

    /** The merchant public key with this serial, or null. */
    public PublicKey key(String serialNo) {
        return keysBySerial.get(serialNo);
    }

    @Override
    public String toString() {
        return "MerchantCredentials[" + mchid + " serials=" + keysBySerial.keySet() + "]";
    }
}
