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
            for (X509Certificate cert : platform.certificates()) {
                String nonce = Tokens.alphanumeric(12);
                String pem = Pem.writeCertificate(cert);
                String ciphertext = AesGcm.encryptToBase64(merchantKey, nonce, "certificate",
                        pem.getBytes(StandardCharsets.US_ASCII));
                entries.add(new Certificates.Entry(io.paygate.signing.Certificates.serialHex(cert),
                        Rfc3339.format(cert.getNotBefore().getTime()), Rfc3339.format(cert.getNotAfter().getTime()),
                        new Certificates.EncryptedResource("AEAD_AES_256_GCM", nonce, "certificate", ciphertext)));
            }
        }
        return new Certificates(entries);
    }
}
