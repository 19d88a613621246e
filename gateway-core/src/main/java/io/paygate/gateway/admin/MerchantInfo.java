package io.paygate.gateway.admin;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a merchant needs to integrate, as {@code DIR/demo/merchant.json} and as the answer to
 * {@code POST /admin/v1/merchants} (which leaves out the private key file: Paygate never holds a
 * provisioned merchant's private key).
 */
@JsonPropertyOrder({"mchid", "appid", "merchant_serial_no", "merchant_private_key_file", "apiv3_key", "apiv2_key",
        "platform_public_key_id", "platform_public_key_file", "platform_certificate_serial_no",
        "platform_certificate_file", "platform_sm2_certificate_serial_no", "platform_sm2_certificate_file",
        "api_base_url", "admin_base_url"})
public record MerchantInfo(String mchid, String appid, String merchantSerialNo, String merchantPrivateKeyFile,
                           String apiv3Key, String apiv2Key, String platformPublicKeyId, String platformPublicKeyFile,
                           String platformCertificateSerialNo, String platformCertificateFile,
                           String platformSm2CertificateSerialNo, String platformSm2CertificateFile, String apiBaseUrl,
                           String adminBaseUrl) {

    /**
     * Describes a provisioned merchant for this gateway: its own fields plus the platform keys and
     * base URLs every merchant shares. The private key file is left out (Paygate does not hold it).
     */
    @FunctionalInterface
    public interface Describer {
        MerchantInfo describe(String mchid, String appid, String merchantSerialNo, String apiv3Key, String apiv2Key);

        /** Describes a provisioning outcome. */
        default MerchantInfo describe(MerchantProvisioner.Provisioned p) {
            return describe(p.result().mchid(), p.result().appid(), p.serialNo(), p.apiV3Key(), p.apiV2Key());
        }
    }

    /** The same information with a private key file. */
    public MerchantInfo withPrivateKeyFile(String file) {
        return new MerchantInfo(mchid, appid, merchantSerialNo, file, apiv3Key, apiv2Key, platformPublicKeyId,
                platformPublicKeyFile, platformCertificateSerialNo, platformCertificateFile, platformSm2CertificateSerialNo,
                platformSm2CertificateFile, apiBaseUrl, adminBaseUrl);
    }

    @Override
    public String toString() {
        return "MerchantInfo[" + mchid + "]";
    }
}
