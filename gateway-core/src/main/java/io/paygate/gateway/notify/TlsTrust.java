package io.paygate.gateway.notify;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.paygate.signing.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The TLS client context of the notifier: the JVM's trust store, plus an optional PEM bundle. */
public final class TlsTrust {
    private TlsTrust() {
    }

    /** A client context trusting the JVM's CAs and the certificates in {@code extraPemFile} (may be empty). */
    public static SslContext clientContext(String extraPemFile) {
        try {
            SslContextBuilder b = SslContextBuilder.forClient();
            if (extraPemFile != null && !extraPemFile.isBlank()) {
                b.trustManager(trustManager(Path.of(extraPemFile)));
            }
            return b.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the notifier's TLS context", e);
        }
    }

    private static TrustManagerFactory trustManager(Path pemFile) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate ca : defaultIssuers()) {
                store.setCertificateEntry("jvm-" + i++, ca);
            }
            for (X509Certificate extra : certificates(Files.readString(pemFile))) {
                store.setCertificateEntry("extra-" + i++, extra);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            return tmf;
        } catch (IOException e) {
            throw new UncheckedIOException("paygate.notify.trusted-certificates-file: cannot read " + pemFile, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("paygate.notify.trusted-certificates-file: unusable " + pemFile, e);
        }
    }

    private static List<X509Certificate> defaultIssuers() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        List<X509Certificate> out = new ArrayList<>();
        for (var tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                out.addAll(List.of(x.getAcceptedIssuers()));
            }
        }
        return out;
    }

    /** Every certificate block of a PEM bundle. */
    static List<X509Certificate> certificates(String pem) {
        List<X509Certificate> out = new ArrayList<>();
        String marker = "-----END CERTIFICATE-----";
        int from = 0;
        for (int end = pem.indexOf(marker, from); end >= 0; end = pem.indexOf(marker, from)) {
            out.add(Pem.readCertificate(pem.substring(from, end + marker.length())));
            from = end + marker.length();
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("paygate.notify.trusted-certificates-file holds no certificate");
        }
        return out;
    }
}
