package io.paygate.signing;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Platform certificates for certificate mode: self-signed X.509 v3 certificates whose serial, as
 * 40 uppercase hex characters, is the key id clients look up from {@code Wechatpay-Serial}.
 */
public final class Certificates {

    /** Bits in a serial from {@link #randomSerial}: the most that still gives 40 hex characters in 20 DER octets. */
    public static final int SERIAL_BITS_MAX = 159;

    /** Smallest bit length with 40 hex characters (top nibble non-zero). */
    private static final int SERIAL_BITS_MIN = 157;

    /** RFC 5280 allows at most 20 octets, i.e. a positive serial of at most 159 bits; 160 bits is tolerated by parsers. */
    private static final int SERIAL_BITS_LIMIT = 160;

    private Certificates() {
    }

    /**
     * Builds a self-signed SHA256withRSA X.509 v3 certificate for {@code pair}: subject and issuer
     * {@code CN=commonName}, basic constraints CA=false, key usage digitalSignature, nonRepudiation
     * and keyEncipherment.
     *
     * <p>X.509 validity has whole-second precision, so sub-second parts of the instants are dropped.
     *
     * @throws IllegalArgumentException if the name is empty, the validity is empty or reversed, the
     *     serial is not positive or longer than 160 bits, or the private key cannot sign SHA256withRSA
     */
    public static X509Certificate selfSigned(
            KeyPair pair, String commonName, Instant notBefore, Instant notAfter, BigInteger serial) {
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(commonName, "commonName");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(serial, "serial");
        if (commonName.isBlank()) {
            throw new IllegalArgumentException("certificate common name is empty");
        }
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("certificate notAfter must be after notBefore");
        }
        if (serial.signum() <= 0 || serial.bitLength() > SERIAL_BITS_LIMIT) {
            throw new IllegalArgumentException("certificate serial must be positive and at most 160 bits");
        }
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    name, serial, Date.from(notBefore), Date.from(notAfter), name, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation | KeyUsage.keyEncipherment));
            boolean sm2 = Sm.isSm2(pair.getPrivate());
            JcaContentSignerBuilder signer = sm2 ? new JcaContentSignerBuilder("SM3WITHSM2").setProvider(Sm.BC)
                    : new JcaContentSignerBuilder("SHA256withRSA");
            X509CertificateHolder holder = builder.build(signer.build(pair.getPrivate()));
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            return (sm2 ? converter.setProvider(Sm.BC) : converter).getCertificate(holder);
        } catch (IOException | OperatorCreationException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "self-signed certificate cannot be built (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The certificate serial as uppercase hex, as WeChat Pay writes it in {@code serial_no} and {@code Wechatpay-Serial}. */
    public static String serialHex(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
    }

    /**
     * A random positive serial whose uppercase hex is exactly 40 characters, like WeChat Pay's.
     *
     * <p>The top nibble is 1..7: non-zero so the hex is 40 characters, and below 8 so the DER
     * INTEGER needs no sign octet and stays within RFC 5280's 20-octet limit.
     */
    public static BigInteger randomSerial(SecureRandom rnd) {
        Objects.requireNonNull(rnd, "rnd");
        while (true) {
            BigInteger serial = new BigInteger(SERIAL_BITS_MAX, rnd);
            if (serial.bitLength() >= SERIAL_BITS_MIN) {
                return serial;
            }
        }
    }
}
