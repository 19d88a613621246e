package io.paygate.gateway.verify;

import io.paygate.signing.ApiV3Key;
import io.paygate.signing.Pem;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The merchants the edge can authenticate. Written by the respond stage (and by recovery) after a
 * provisioning command was journaled and applied; read by every event loop.
 */
public final class MerchantDirectory {

    private final Map<String, MerchantCredentials> byMchid = new ConcurrentHashMap<>();

    /** Registers (or replaces) a merchant from its journaled provisioning data. */
    public void register(String mchid, String appid, String serialNo, byte[] publicKeyDer, String apiV3Key) {
        PublicKey key = Pem.rsaPublicKeyFromDer(publicKeyDer);
        byMchid.put(mchid, new MerchantCredentials(mchid, appid, Map.of(serialNo, key), ApiV3Key.of(apiV3Key)));
    }

    /** The merchant with this mchid, or null. */
    public MerchantCredentials get(String mchid) {
        return mchid == null ? null : byMchid.get(mchid);
    }

    public int size() {
        return byMchid.size();
    }
}
