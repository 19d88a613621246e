package io.paygate.gateway.respond;

import io.paygate.signing.PlatformKeys;
import io.paygate.signing.SigningKey;
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

    @Override
    public String toString() {
        return "PlatformCredentials[" + publicKeyId + ", " + certificates.size() + " certificate(s)]";
    }
}
