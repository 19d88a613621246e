package io.paygate.gateway.respond;

import io.paygate.signing.AuthorizationHeader;
import io.paygate.signing.PlatformKeys;
import io.paygate.signing.SigningKey;
import io.paygate.signing.Sm;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The gateway's own identity towards merchants: the keys it signs responses and notifications with,
 * selected by the serial a client names ({@code PUB_KEY_ID_...} for the WeChat Pay public key, a
 * certificate serial for certificate mode), and the certificates {@code /v3/certificates} serves.
 */
public record PlatformCredentials(PlatformKeys keys, String publicKeyId, PublicKey publicKey,
                                  List<X509Certificate> certificates) {

    public PlatformCredentials {
        certificates = List.copyOf(certificates);
    }

    /** The key that signs a response to a request that named {@code wechatpaySerial} (may be null). */
    public SigningKey signerFor(String wechatpaySerial) {
        return keys.select(wechatpaySerial);
    }

    /**
     * The key for a request signed with {@code schema}: the platform key its {@code Wechatpay-Serial}
     * names when that is one of ours, else the SM2 certificate key for {@code WECHATPAY2-SM2-WITH-SM3}
     * requests, else the WeChat Pay public key.
     */
    public SigningKey signerFor(String wechatpaySerial, String schema) {
        for (SigningKey k : keys.all()) {
            if (k.keyId().equals(wechatpaySerial)) {
                return k;
            }
        }
        if (AuthorizationHeader.SCHEMA_SM2_WITH_SM3.equals(schema)) {
            for (SigningKey k : keys.all()) {
                if (Sm.isSm2(k.privateKey())) {
                    return k;
                }
            }
        }
        return keys.select(null);
    }

    /** The platform certificates of one kind: RSA ones, or SM2 ones. */
    public List<X509Certificate> certificates(boolean sm2) {
        return certificates.stream().filter(c -> Sm.isSm2(c.getPublicKey()) == sm2).toList();
    }

    @Override
    public String toString() {
        return "PlatformCredentials[" + publicKeyId + ", " + certificates.size() + " certificate(s)]";
    }
}
