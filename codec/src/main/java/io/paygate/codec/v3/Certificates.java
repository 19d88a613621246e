package io.paygate.codec.v3;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** {@code GET /v3/certificates}: platform certificates, each encrypted with the merchant's APIv3 key. */
public record Certificates(List<Entry> data) {

    /** One certificate. */
    @JsonPropertyOrder({"serial_no", "effective_time", "expire_time", "encrypt_certificate"})
    public record Entry(String serialNo, String effectiveTime, String expireTime, EncryptedResource encryptCertificate) {
    }

    /** The AEAD envelope, also used by notifications' {@code resource}. */
    @JsonPropertyOrder({"algorithm", "nonce", "associated_data", "ciphertext"})
    public record EncryptedResource(String algorithm, String nonce, String associatedData, String ciphertext) {
    }
}
