package io.paygate.gateway.verify;

import io.paygate.signing.ApiV3Signatures;
import io.paygate.signing.AuthorizationHeader;
import io.paygate.signing.SignatureFailure;
import java.security.PublicKey;
import java.util.function.LongSupplier;

/**
 * APIv3 request authentication: parse {@code Authorization}, check the clock skew, find the
 * merchant and the key named by {@code serial_no}, verify the signature over the raw method, path and
 * query, timestamp, nonce and body bytes, and only then record the nonce (so requests with bad
 * signatures cannot fill the replay cache or burn a victim's nonces).
 */
public final class RequestAuthenticator {

    static final String MSG_HEADER = "Http头Authorization缺失或格式错误 (missing or malformed Authorization header)";
    static final String MSG_SKEW = "Http头Authorization中的timestamp与发起请求的时间不得超过5分钟";
    static final String MSG_MERCHANT = "商户号不存在或未开通APIv3 (unknown mchid)";
    static final String MSG_SERIAL = "商户证书序列号有误 (unknown serial_no for this merchant)";
    static final String MSG_SCHEMA = "签名方案与商户证书类型不一致 (the signature schema does not match the key's type)";
    static final String MSG_SIGNATURE = "签名错误，请检查后再试 (signature verification failed)";
    static final String MSG_REPLAY = "Http头Authorization中的nonce_str已被使用，请勿重放请求 (replayed nonce_str)";

    private final MerchantDirectory directory;
    private final ReplayGuard replayGuard;
    private final long maxSkewSeconds;
    private final LongSupplier epochSeconds;

    public RequestAuthenticator(MerchantDirectory directory, ReplayGuard replayGuard, long maxSkewSeconds,
                                LongSupplier epochSeconds) {
        this.directory = directory;
        this.replayGuard = replayGuard;
        this.maxSkewSeconds = maxSkewSeconds;
        this.epochSeconds = epochSeconds;
    }

    /**
     * @param rawPathAndQuery the request target exactly as sent (the canonical URL of the signature)
     * @return the authenticated merchant
     * @throws SignatureFailure with a message for the client (401 SIGN_ERROR)
     * @throws ReplayCacheFullException when replay protection cannot take another entry right now
     */
    public MerchantCredentials authenticate(String method, String rawPathAndQuery, String authorization,
                                            byte[] body, int bodyOffset, int bodyLength) {
        return authenticateRequest(method, rawPathAndQuery, authorization, body, bodyOffset, bodyLength).merchant();
    }

    /** An authenticated request: who signed it, and with which schema (RSA or SM2). */
    public record Authenticated(MerchantCredentials merchant, String schema) {
    }

    /** Like {@link #authenticate}, also telling the schema the request was signed with. */
    public Authenticated authenticateRequest(String method, String rawPathAndQuery, String authorization,
                                             byte[] body, int bodyOffset, int bodyLength) {
        if (authorization == null || authorization.isEmpty()) {
            throw new SignatureFailure(MSG_HEADER);
        }
        AuthorizationHeader auth = AuthorizationHeader.parse(authorization);
        long ts = Long.parseLong(auth.timestamp()); // the parser admits 1..12 digits only
        long now = epochSeconds.getAsLong();
        if (!ApiV3Signatures.withinSkew(ts, now, maxSkewSeconds)) {
            throw new SignatureFailure(MSG_SKEW);
        }
        MerchantCredentials merchant = directory.get(auth.mchid());
        if (merchant == null) {
            throw new SignatureFailure(MSG_MERCHANT);
        }
        PublicKey key = merchant.key(auth.serialNo());
        if (key == null) {
            throw new SignatureFailure(MSG_SERIAL);
        }
        if (!ApiV3Signatures.keyMatchesSchema(key, auth.schema())) {
            throw new SignatureFailure(MSG_SCHEMA);
        }
        byte[] message = ApiV3Signatures.requestMessage(method, rawPathAndQuery, auth.timestamp(), auth.nonceStr(),
                body, bodyOffset, bodyLength);
        if (!ApiV3Signatures.verify(key, message, auth.signature())) {
            throw new SignatureFailure(MSG_SIGNATURE);
        }
        switch (replayGuard.firstSeen(auth.mchid(), auth.nonceStr(), ts, now)) {
            case FIRST -> {
                return new Authenticated(merchant, auth.schema());
            }
            case REPLAY -> throw new SignatureFailure(MSG_REPLAY);
            case FULL -> throw new ReplayCacheFullException();
            default -> throw new IllegalStateException();
        }
    }

    /** Replay protection is at capacity: the request is refused with a retryable 429. */
    public static final class ReplayCacheFullException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReplayCacheFullException() {
            super("replay cache full", null, false, false);
        }
    }
}
