package io.paygate.gateway.acceptor;

import io.paygate.codec.Rfc3339;
import io.paygate.codec.v3.Certificates;
import io.paygate.gateway.respond.ApiError;
import io.paygate.gateway.respond.PlatformCredentials;
import io.paygate.signing.AesGcm;
import io.paygate.signing.ApiV3Key;
import io.paygate.signing.Pem;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /v3/certificates[?algorithm_type=RSA|SM2|ALL]}: the platform certificates, each PEM
 * encrypted with AEAD_AES_256_GCM under the caller's APIv3 key, associated data {@code certificate}.
 * Answered on the event loop (it reads no matcher state).
 */
final class CertificatesReply {
    private CertificatesReply() {
    }

    static Certificates build(PlatformCredentials platform, ApiV3Key merchantKey, String algorithmType) {
        String type = algorithmType == null ? "RSA" : algorithmType;
        if (!type.equals("RSA") && !type.equals("SM2") && !type.equals("ALL")) {
            throw ApiError.paramError("参数 algorithm_type 无效 (algorithm_type must be RSA, SM2 or ALL)").reject();
        }
        List<Certificates.Entry> entries = new ArrayList<>();
        if (!type.equals("SM2")) {
            add(entries, platform.certificates(false), merchantKey, AesGcm.Algorithm.AES_256_GCM);
        }
        if (!type.equals("RSA")) {
            add(entries, platform.certificates(true), merchantKey, AesGcm.Algorithm.SM4_GCM);
        }
        return new Certificates(entries);
    }

    /** RSA certificates travel under AEAD_AES_256_GCM, SM2 ones under AEAD_SM4_GCM. */
    private static void add(List<Certificates.Entry> entries, List<X509Certificate> certs, ApiV3Key merchantKey,
                            AesGcm.Algorithm algorithm) {
        for (X509Certificate cert : certs) {
            String nonce = Tokens.alphanumeric(12);
            String pem = Pem.writeCertificate(cert);
            String ciphertext = AesGcm.encryptToBase64(algorithm, merchantKey, nonce, "certificate",
                    pem.getBytes(StandardCharsets.US_ASCII));
            entries.add(new Certificates.Entry(io.paygate.signing.Certificates.serialHex(cert),
                    Rfc3339.format(cert.getNotBefore().getTime()), Rfc3339.format(cert.getNotAfter().getTime()),
                    new Certificates.EncryptedResource(algorithm.wireName(), nonce, "certificate", ciphertext)));
        }
    }
}
