package io.paygate.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * APIv2 (XML) signatures, reference §3: take the parameters with non-empty values except
 * {@code sign} ({@code sign_type} is included), sort by name in ASCII order, join as
 * {@code k1=v1&k2=v2...}, append {@code &key=APIV2_KEY}, then MD5 or HMAC-SHA256 (keyed with the
 * APIv2 key) and write uppercase hex. Strings are UTF-8.
 */
public final class ApiV2Signatures {

    private static final String SIGN = "sign";
    private static final HexFormat HEX_UPPER = HexFormat.of().withUpperCase();

    private ApiV2Signatures() {
    }

    /** The {@code MD5} signature (the APIv2 default sign_type). */
    public static String md5(Map<String, String> params, String apiV2Key) {
        byte[] data = stringToSign(params, apiV2Key).getBytes(StandardCharsets.UTF_8);
        try {
            return HEX_UPPER.formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    /** One Mac per thread: getInstance costs more than the HMAC of a 500-byte request. */
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    });

    /** The {@code HMAC-SHA256} signature. */
    public static String hmacSha256(Map<String, String> params, String apiV2Key) {
        byte[] data = stringToSign(params, apiV2Key).getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = HMAC.get();
            mac.init(new SecretKeySpec(apiV2Key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HEX_UPPER.formatHex(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Compares two strings' UTF-8 bytes in time that does not depend on where they differ. False if
     * either is null: a missing signature never matches.
     */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String stringToSign(Map<String, String> params, String apiV2Key) {
        Objects.requireNonNull(params, "params");
        if (apiV2Key == null || apiV2Key.isEmpty()) {
            throw new IllegalArgumentException("APIv2 key is missing");
        }
        List<String> names = new ArrayList<>(params.size());
        for (Map.Entry<String, String> e : params.entrySet()) {
            String name = e.getKey();
            if (name == null) {
                throw new IllegalArgumentException("APIv2 parameter name is null");
            }
            String value = e.getValue();
            if (!SIGN.equals(name) && value != null && !value.isEmpty()) {
                names.add(name);
            }
        }
        names.sort(null);
        StringBuilder sb = new StringBuilder(256);
        for (String name : names) {
            sb.append(name).append('=').append(params.get(name)).append('&');
        }
        return sb.append("key=").append(apiV2Key).toString();
    }
}
