package io.paygate.gateway.support;

import io.paygate.signing.Certificates;
import io.paygate.signing.Keys;
import io.paygate.signing.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A self-signed server certificate for an HTTPS {@link CallbackServer}, and its PEM for the gateway to trust. */
public record TestTls(X509Certificate certificate, SSLContext serverContext) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh key and self-signed certificate for {@code commonName} (e.g. localhost). */
    public static TestTls selfSigned(String commonName) throws GeneralSecurityException, IOException {
        KeyPair pair = Keys.generateRsa2048(RANDOM);
        Instant now = Instant.now();
        X509Certificate cert = Certificates.selfSigned(pair, commonName, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)), Certificates.randomSerial(RANDOM));
        char[] password = "test".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", pair.getPrivate(), password, new Certificate[] {cert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, RANDOM);
        return new TestTls(cert, ctx);
    }

    /** Writes the certificate as PEM (for {@code paygate.notify.trusted-certificates-file}). */
    public Path writePem(Path file) throws IOException {
        Files.writeString(file, Pem.writeCertificate(certificate));
        return file;
    }
}
