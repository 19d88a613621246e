package io.paygate.gateway.admin;

import io.paygate.gateway.respond.PlatformCredentials;
import io.paygate.signing.Certificates;
import io.paygate.signing.Keys;
import io.paygate.signing.Pem;
import io.paygate.signing.PlatformKeys;
import io.paygate.signing.SigningKey;
import io.paygate.signing.Sm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The gateway's platform keys in {@code DIR/keys/}: a WeChat-Pay-public-key-mode RSA key pair with
 * its {@code PUB_KEY_ID_...}, a certificate-mode RSA key pair with a self-signed X.509 certificate, and
 * a national-crypto SM2 key pair with a self-signed SM3withSM2 certificate. Made on first start, read
 * on every later one. Private keys are owner-only PKCS#8 PEM files.
 */
public final class PlatformKeyStore {

    public static final String PUBLIC_KEY_FILE = "pub_key.pem";
    static final String PUBLIC_KEY_PRIVATE_FILE = "pub_key_private.pem";
    static final String PUBLIC_KEY_ID_FILE = "pub_key_id";
    public static final String CERTIFICATE_FILE = "platform_cert.pem";
    static final String CERTIFICATE_PRIVATE_FILE = "platform_cert_private.pem";
    public static final String SM2_CERTIFICATE_FILE = "platform_sm2_cert.pem";
    static final String SM2_CERTIFICATE_PRIVATE_FILE = "platform_sm2_cert_private.pem";

    private final Path dir;

    public PlatformKeyStore(Path dataDir) {
        this.dir = dataDir.resolve("keys");
    }

    public Path publicKeyFile() {
        return dir.resolve(PUBLIC_KEY_FILE);
    }

    public Path certificateFile() {
        return dir.resolve(CERTIFICATE_FILE);
    }

    public Path sm2CertificateFile() {
        return dir.resolve(SM2_CERTIFICATE_FILE);
    }

    /** Loads the platform keys, creating them first if this data dir has none (or no SM2 pair yet). */
    public PlatformCredentials loadOrCreate(SecureRandom random) {
        if (!Files.exists(dir.resolve(PUBLIC_KEY_ID_FILE))) {
            create(random);
        }
        if (!Files.exists(sm2CertificateFile())) {
            createSm2(random);
        }
        String publicKeyId = SecureFiles.read(dir.resolve(PUBLIC_KEY_ID_FILE)).trim();
        PrivateKey pubKeyPrivate = Pem.readPrivateKey(SecureFiles.read(dir.resolve(PUBLIC_KEY_PRIVATE_FILE)));
        PublicKey publicKey = Pem.readPublicKey(SecureFiles.read(publicKeyFile()));
        X509Certificate cert = Pem.readCertificate(SecureFiles.read(certificateFile()));
        PrivateKey certPrivate = Pem.readPrivateKey(SecureFiles.read(dir.resolve(CERTIFICATE_PRIVATE_FILE)));
        X509Certificate sm2Cert = Pem.readCertificate(SecureFiles.read(sm2CertificateFile()));
        PrivateKey sm2Private = Pem.readPrivateKey(SecureFiles.read(dir.resolve(SM2_CERTIFICATE_PRIVATE_FILE)));
        SigningKey publicKeyMode = SigningKey.of(publicKeyId, pubKeyPrivate);
        SigningKey certificateMode = SigningKey.of(Certificates.serialHex(cert), certPrivate);
        SigningKey sm2Mode = SigningKey.of(Certificates.serialHex(sm2Cert), sm2Private);
        return new PlatformCredentials(PlatformKeys.of(publicKeyMode, List.of(certificateMode, sm2Mode)), publicKeyId,
                publicKey, List.of(cert, sm2Cert));
    }

    /** The national-crypto platform identity: an SM2 key pair with a self-signed SM3withSM2 certificate. */
    private void createSm2(SecureRandom random) {
        KeyPair pair = Sm.generateSm2(random);
        Instant now = Instant.now();
        X509Certificate cert = Certificates.selfSigned(pair, "Paygate Platform SM2 Certificate",
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(5 * 365)), Certificates.randomSerial(random));
        SecureFiles.writeSecret(dir.resolve(SM2_CERTIFICATE_PRIVATE_FILE), Pem.writePrivateKey(pair.getPrivate()));
        SecureFiles.writePublic(sm2CertificateFile(), Pem.writeCertificate(cert)); // written last: marks a complete pair
    }

    private void create(SecureRandom random) {
        KeyPair pubKeyPair = Keys.generateRsa2048(random);
        KeyPair certPair = Keys.generateRsa2048(random);
        Instant now = Instant.now();
        X509Certificate cert = Certificates.selfSigned(certPair, "Paygate Platform Certificate",
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(5 * 365)), Certificates.randomSerial(random));
        StringBuilder id = new StringBuilder("PUB_KEY_ID_01");
        for (int i = 0; i < 32; i++) {
            id.append((char) ('0' + random.nextInt(10)));
        }
        // the id file is written last: its presence marks a complete set
        SecureFiles.writeSecret(dir.resolve(PUBLIC_KEY_PRIVATE_FILE), Pem.writePrivateKey(pubKeyPair.getPrivate()));
        SecureFiles.writePublic(publicKeyFile(), Pem.writePublicKey(pubKeyPair.getPublic()));
        SecureFiles.writeSecret(dir.resolve(CERTIFICATE_PRIVATE_FILE), Pem.writePrivateKey(certPair.getPrivate()));
        SecureFiles.writePublic(certificateFile(), Pem.writeCertificate(cert));
        SecureFiles.writePublic(dir.resolve(PUBLIC_KEY_ID_FILE), id + "\n");
    }
}
