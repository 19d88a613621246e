package io.paygate.signing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The gateway's platform signing keys: the keys that sign responses and notifications, named by
 * the {@code Wechatpay-Serial} they are sent with.
 *
 * <p>A deployment holds at least a WeChat-Pay-public-key-mode key (id {@code PUB_KEY_ID_...}),
 * which is the default, and a certificate-mode key whose id is its certificate serial; more may be
 * added during rotation. Like real WeChat Pay during a migration (§1.5), a response is signed with
 * the key the request's {@code Wechatpay-Serial} names, and with the default key when the request
 * names none or one that is unknown. Immutable.
 */
public final class PlatformKeys {

    private final SigningKey defaultKey;
    private final List<SigningKey> all;
    private final Map<String, SigningKey> byId;

    private PlatformKeys(SigningKey defaultKey, List<SigningKey> all, Map<String, SigningKey> byId) {
        this.defaultKey = defaultKey;
        this.all = all;
        this.byId = byId;
    }

    /**
     * @param defaultKey the key used when the request names no known key; normally the public-key-mode key
     * @param others the other keys, in any order; may be empty
     * @throws IllegalArgumentException if two keys share an id
     */
    public static PlatformKeys of(SigningKey defaultKey, List<SigningKey> others) {
        Objects.requireNonNull(defaultKey, "defaultKey");
        Objects.requireNonNull(others, "others");
        List<SigningKey> all = new ArrayList<>(others.size() + 1);
        Map<String, SigningKey> byId = new HashMap<>();
        all.add(defaultKey);
        all.addAll(others);
        for (SigningKey key : all) {
            Objects.requireNonNull(key, "others must not contain null");
            if (byId.putIfAbsent(key.keyId(), key) != null) {
                throw new IllegalArgumentException("duplicate platform key id " + key.keyId());
            }
        }
        return new PlatformKeys(defaultKey, List.copyOf(all), Map.copyOf(byId));
    }

    /**
     * The key whose id equals {@code requestWechatpaySerial} exactly; the default key when the
     * serial is null or unknown.
     */
    public SigningKey select(String requestWechatpaySerial) {
        if (requestWechatpaySerial == null) {
            return defaultKey;
        }
        SigningKey key = byId.get(requestWechatpaySerial);
        return key == null ? defaultKey : key;
    }

    /** Every key, the default first, then the others in the order given. Unmodifiable. */
    public List<SigningKey> all() {
        return all;
    }

    @Override
    public String toString() {
        return "PlatformKeys" + all;
    }
}
