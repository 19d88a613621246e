package io.paygate.signing;

import java.util.Objects;

/**
 * The parsed value of an APIv3 {@code Authorization} header (reference §1.1):
 *
 * <pre>
 * WECHATPAY2-SHA256-RSA2048 mchid="1900000001",nonce_str="...",timestamp="1554208460",serial_no="...",signature="..."
 * </pre>
 *
 * <p>Clients disagree on the order of the five pairs (wechatpay-java, WXPayUtility and IJPay each
 * use a different one) and on the nonce alphabet, so {@link #parse} accepts the pairs in any order
 * and any printable nonce. It is otherwise strict: each of the five keys exactly once, no unknown
 * keys, every value double-quoted and non-empty, optional spaces only after a comma, and a bound
 * on every field. Two schemas: {@value #SCHEMA_SHA256_RSA2048} and the national-crypto
 * {@value #SCHEMA_SM2_WITH_SM3}; the verifier checks that the merchant key named by {@code serial_no}
 * is of the schema's kind.
 *
 * <p>The components do not hold secrets; {@code signature} is public once sent.
 */
public record AuthorizationHeader(
        String schema, String mchid, String nonceStr, String timestamp, String serialNo, String signature) {

    /** The RSA schema. */
    public static final String SCHEMA_SHA256_RSA2048 = "WECHATPAY2-SHA256-RSA2048";

    /** Longest header value accepted, checked before anything else is looked at. */
    public static final int HEADER_CHARS_MAX = 2048;

    /** The national-crypto schema: SM2 over SM3 (see {@link Sm}). */
    public static final String SCHEMA_SM2_WITH_SM3 = "WECHATPAY2-SM2-WITH-SM3";
    private static final int MCHID_CHARS_MAX = 32;
    private static final int NONCE_CHARS_MAX = 64;
    private static final int TIMESTAMP_DIGITS_MAX = 12;
    private static final int SERIAL_CHARS_MAX = 64;
    private static final int SIGNATURE_CHARS_MAX = 1024;

    private static final String[] KEYS = {"mchid", "nonce_str", "timestamp", "serial_no", "signature"};
    private static final int MCHID = 0;
    private static final int NONCE_STR = 1;
    private static final int TIMESTAMP = 2;
    private static final int SERIAL_NO = 3;
    private static final int SIGNATURE = 4;

    private static final String MALFORMED = "Http头Authorization值格式错误";

    public AuthorizationHeader {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(mchid, "mchid");
        Objects.requireNonNull(nonceStr, "nonceStr");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(serialNo, "serialNo");
        Objects.requireNonNull(signature, "signature");
    }

    /**
     * Parses and bounds-checks a header value.
     *
     * @throws SignatureFailure on any violation, with a client-safe reason that does not echo the input
     */
    public static AuthorizationHeader parse(CharSequence headerValue) {
        if (headerValue == null || headerValue.length() == 0) {
            throw new SignatureFailure("缺少Http头Authorization");
        }
        int n = headerValue.length();
        if (n > HEADER_CHARS_MAX) {
            throw new SignatureFailure(MALFORMED + "：长度超过" + HEADER_CHARS_MAX + "个字符");
        }
        String h = headerValue.toString(); // at most HEADER_CHARS_MAX chars; a String is returned as is
        int space = h.indexOf(' ');
        String schema = space < 0 ? h : h.substring(0, space);
        if (!SCHEMA_SHA256_RSA2048.equals(schema) && !SCHEMA_SM2_WITH_SM3.equals(schema)) {
            throw new SignatureFailure("不支持的签名方案，请使用" + SCHEMA_SHA256_RSA2048 + "或" + SCHEMA_SM2_WITH_SM3);
        }
        if (space < 0) {
            throw new SignatureFailure(MALFORMED + "：缺少签名参数");
        }
        String[] values = new String[KEYS.length];
        int pos = space + 1;
        while (true) {
            int keyStart = pos;
            while (pos < n && isKeyChar(h.charAt(pos))) {
                pos++;
            }
            if (pos == keyStart || pos >= n || h.charAt(pos) != '=') {
                throw new SignatureFailure(MALFORMED + "：参数须为key=\"value\"形式，以逗号分隔");
            }
            int slot = slotOf(h, keyStart, pos);
            if (slot < 0) {
                throw new SignatureFailure(MALFORMED + "：包含未知参数");
            }
            pos++;
            if (pos >= n || h.charAt(pos) != '"') {
                throw new SignatureFailure(MALFORMED + "：参数" + KEYS[slot] + "的值须用双引号括起");
            }
            int valueStart = ++pos;
            pos = h.indexOf('"', valueStart);
            if (pos < 0) {
                throw new SignatureFailure(MALFORMED + "：参数" + KEYS[slot] + "缺少结束双引号");
            }
            if (values[slot] != null) {
                throw new SignatureFailure(MALFORMED + "：参数" + KEYS[slot] + "重复");
            }
            values[slot] = checkValue(slot, h, valueStart, pos);
            pos++;
            if (pos == n) {
                break;
            }
            if (h.charAt(pos) != ',') {
                throw new SignatureFailure(MALFORMED + "：参数须为key=\"value\"形式，以逗号分隔");
            }
            pos++;
            while (pos < n && h.charAt(pos) == ' ') {
                pos++;
            }
        }
        for (int slot = 0; slot < KEYS.length; slot++) {
            if (values[slot] == null) {
                throw new SignatureFailure(MALFORMED + "：缺少参数" + KEYS[slot]);
            }
        }
        return new AuthorizationHeader(schema, values[MCHID], values[NONCE_STR], values[TIMESTAMP],
                values[SERIAL_NO], values[SIGNATURE]);
    }

    /** Characters allowed in {@code serial_no} and in a {@link SigningKey} id: {@code [0-9A-Za-z_]}. */
    static boolean isSerialChar(char c) {
        return isAlnum(c) || c == '_';
    }

    private static String checkValue(int slot, String s, int from, int to) {
        int length = to - from;
        if (length == 0) {
            throw new SignatureFailure(MALFORMED + "：参数" + KEYS[slot] + "为空");
        }
        int max = switch (slot) {
            case MCHID -> MCHID_CHARS_MAX;
            case NONCE_STR -> NONCE_CHARS_MAX;
            case TIMESTAMP -> TIMESTAMP_DIGITS_MAX;
            case SERIAL_NO -> SERIAL_CHARS_MAX;
            default -> SIGNATURE_CHARS_MAX;
        };
        if (length > max) {
            throw new SignatureFailure(MALFORMED + "：参数" + KEYS[slot] + "过长");
        }
        int bit = 1 << slot;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= ALLOWED.length || (ALLOWED[c] & bit) == 0) {
                throw new SignatureFailure(MALFORMED + "：参数" + KEYS[slot] + "包含非法字符");
            }
        }
        return s.substring(from, to);
    }

    /** For each ASCII character, bit {@code 1 << slot} set when the slot's value may contain it. */
    private static final byte[] ALLOWED = allowed();

    private static byte[] allowed() {
        byte[] t = new byte[128];
        for (char c = 0; c < t.length; c++) {
            int bits = 0;
            if (isAlnum(c)) {
                bits |= 1 << MCHID;
            }
            if (c >= 0x20 && c <= 0x7E) {
                bits |= 1 << NONCE_STR;
            }
            if (c >= '0' && c <= '9') {
                bits |= 1 << TIMESTAMP;
            }
            if (isSerialChar(c)) {
                bits |= 1 << SERIAL_NO;
            }
            if (isAlnum(c) || c == '+' || c == '/' || c == '=') {
                bits |= 1 << SIGNATURE;
            }
            t[c] = (byte) bits;
        }
        return t;
    }

    private static int slotOf(String s, int from, int to) {
        for (int slot = 0; slot < KEYS.length; slot++) {
            String key = KEYS[slot];
            if (key.length() == to - from && s.startsWith(key, from)) {
                return slot;
            }
        }
        return -1;
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean isAlnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }
}
