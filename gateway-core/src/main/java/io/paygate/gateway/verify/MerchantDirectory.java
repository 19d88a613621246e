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
    /** The platform key serial each merchant last asked responses to be signed with (its key mode). */
    private final Map<String, String> platformSerialByMchid = new ConcurrentHashMap<>();

    /** Registers (or replaces) a merchant from its journaled provisioning data. */
    public void register(String mchid, String appid, String serialNo, byte[] publicKeyDer, String apiV3Key) {
        PublicKey key = Pem.rsaPublicKeyFromDer(publicKeyDer);
        byMchid.put(mchid, new MerchantCredentials(mchid, appid, Map.of(serialNo, key), ApiV3Key.of(apiV3Key)));
    }

    /** The merchant with this mchid, or null. */
    public MerchantCredentials get(String mchid) {
        return mchid == null ? null : byMchid.get(mchid);
    }

    /** Remembers which platform key a merchant's SDK expects (the request's {@code Wechatpay-Serial}). */
    public void notePlatformSerial(String mchid, String serial) {
        if (serial != null && !serial.equals(platformSerialByMchid.get(mchid))) {
            platformSerialByMchid.put(mchid, serial);
        }
    }

    /** The platform key serial the merchant last named, or null (then the public key is used). */
    public String platformSerial(String mchid) {
        return platformSerialByMchid.get(mchid);
    }

    public int size() {
        return byMchid.size();
    }
}
