package io.paygate.gateway.support;

import com.tencent.kona.crypto.KonaCryptoProvider;
import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.auth.Credential;
import com.wechat.pay.java.core.auth.Validator;
import com.wechat.pay.java.core.auth.WechatPay2Credential;
import com.wechat.pay.java.core.auth.WechatPay2Validator;
import com.wechat.pay.java.core.certificate.InMemoryCertificateProvider;
import com.wechat.pay.java.core.cipher.AbstractAeadCipher;
import com.wechat.pay.java.core.cipher.AbstractSigner;
import com.wechat.pay.java.core.cipher.AbstractVerifier;
import com.wechat.pay.java.core.cipher.AeadCipher;
import com.wechat.pay.java.core.cipher.PrivacyDecryptor;
import com.wechat.pay.java.core.cipher.PrivacyEncryptor;
import com.wechat.pay.java.core.cipher.Signer;
import com.wechat.pay.java.core.cipher.Verifier;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/**
 * The official wechatpay-java SDK in national-crypto mode, assembled the way its {@code shangmi}
 * module does it (that module is not on Maven Central): the SDK's own WechatPay2Credential and
 * WechatPay2Validator with SM2 signing/verification and SM4-GCM from Tencent Kona, the provider
 * the shangmi module uses. The SM4 key is SM3(APIv3 key)[0..16), as in the shangmi module.
 */
public final class ShangmiSdk {
    private ShangmiSdk() {
    }

    /** Registers Kona in this (test) JVM, as the shangmi module does in its static initialisers. */
    public static void installKona() {
        if (Security.getProvider("KonaCrypto") == null) {
            Security.addProvider(new KonaCryptoProvider());
        }
    }

    /** The SDK's signer with Kona's SM2 ({@code WECHATPAY2-SM2-WITH-SM3}). */
    static final class Sm2Signer extends AbstractSigner {
        Sm2Signer(String serial, PrivateKey key) {
            super("SM2-WITH-SM3", "SM2", serial, key);
        }
    }

    /** The SDK's verifier with Kona's SM2 over the platform SM2 certificates. */
    public static final class Sm2Verifier extends AbstractVerifier {
        public Sm2Verifier(List<X509Certificate> certificates) {
            super("SM2", new InMemoryCertificateProvider(certificates));
        }
    }

    /** The SDK's AEAD with Kona's SM4-GCM. */
    public static final class Sm4Cipher extends AbstractAeadCipher {
        public Sm4Cipher(byte[] apiV3Key) {
            super("SM4", "SM4/GCM/NoPadding", 128, sm4Key(apiV3Key));
        }

        private static byte[] sm4Key(byte[] apiV3Key) {
            try {
                return Arrays.copyOf(MessageDigest.getInstance("SM3", "KonaCrypto").digest(apiV3Key), 16);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A Config in national-crypto mode: SM2 merchant key, SM2 platform certificates. */
    public static Config config(String mchid, String merchantSerial, PrivateKey merchantKey,
                                List<X509Certificate> platformCertificates) {
        installKona();
        Signer signer = new Sm2Signer(merchantSerial, merchantKey);
        Verifier verifier = new Sm2Verifier(platformCertificates);
        return new Config() {
            @Override
            public PrivacyEncryptor createEncryptor() {
                throw new UnsupportedOperationException("not used by these tests");
            }

            @Override
            public PrivacyDecryptor createDecryptor() {
                throw new UnsupportedOperationException("not used by these tests");
            }

            @Override
            public Credential createCredential() {
                return new WechatPay2Credential(mchid, signer);
            }

            @Override
            public Validator createValidator() {
                return new WechatPay2Validator(verifier);
            }

            @Override
            public Signer createSigner() {
                return signer;
            }
        };
    }

    /** The AEAD cipher map a national-crypto NotificationParser needs. */
    public static AeadCipher sm4(String apiV3Key) {
        installKona();
        return new Sm4Cipher(apiV3Key.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
