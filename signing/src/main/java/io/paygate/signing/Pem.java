package io.paygate.signing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads and writes PEM: private keys (PKCS#8, or PKCS#1 as older tools write them), public keys
 * (X.509 SubjectPublicKeyInfo, as in WeChat Pay's {@code pub_key.pem}) and X.509 certificates.
 *
 * <p>Text before the first {@code -----BEGIN} line is ignored (openssl's "Bag Attributes", for
 * example); the first block with an accepted label is used. Encrypted PEM is rejected. Errors are
 * {@link IllegalArgumentException}s whose message says what was wrong without quoting the input
 * and without a cause, since a parser's own message could quote key bytes.
 */
public final class Pem {

    /** Largest PEM text accepted; a certificate chain is a few kilobytes. */
    public static final int PEM_CHARS_MAX = 1 << 20;

    private static final String PKCS8 = "PRIVATE KEY";
    private static final String PKCS1 = "RSA PRIVATE KEY";
    private static final String PKCS8_ENCRYPTED = "ENCRYPTED PRIVATE KEY";
    private static final String SPKI = "PUBLIC KEY";
    private static final String PKCS1_PUBLIC = "RSA PUBLIC KEY";
    private static final String CERTIFICATE = "CERTIFICATE";
    private static final int LINE_CHARS = 64;

    private Pem() {
    }

    /**
     * Reads a {@code PRIVATE KEY} (PKCS#8) or {@code RSA PRIVATE KEY} (PKCS#1) block.
     *
     * @throws IllegalArgumentException if there is no such block or it does not hold a valid key
     */
    public static PrivateKey readPrivateKey(String pem) {
        Block block = findBlock(pem, "private key", PKCS8, PKCS1);
        if (block == null) {
            if (findBlock(pem, "private key", PKCS8_ENCRYPTED) != null) {
                throw new IllegalArgumentException(
                        "encrypted private keys are not supported; decrypt it first (openssl pkcs8)");
            }
            throw new IllegalArgumentException("no PEM 'PRIVATE KEY' or 'RSA PRIVATE KEY' block found");
        }
        try {
            PrivateKeyInfo info = PKCS8.equals(block.label)
                    ? PrivateKeyInfo.getInstance(block.der)
                    : new PrivateKeyInfo(
                            new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                            RSAPrivateKey.getInstance(block.der));
            return converterFor(info.getPrivateKeyAlgorithm()).getPrivateKey(info);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("PEM '" + block.label + "' block does not hold a valid private key ("
                    + e.getClass().getSimpleName() + ")");
        } finally {
            Arrays.fill(block.der, (byte) 0);
        }
    }

    /**
     * Reads a {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo) block; an {@code RSA PUBLIC KEY}
     * (PKCS#1) block is accepted too.
     *
     * @throws IllegalArgumentException if there is no such block or it does not hold a valid key
     */
    public static PublicKey readPublicKey(String pem) {
        Block block = findBlock(pem, "public key", SPKI, PKCS1_PUBLIC);
        if (block == null) {
            throw new IllegalArgumentException("no PEM 'PUBLIC KEY' block found");
        }
        try {
            if (SPKI.equals(block.label)) {
                SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(block.der);
                return converterFor(info.getAlgorithm()).getPublicKey(info);
            }
            RSAPublicKey rsa = RSAPublicKey.getInstance(block.der);
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("PEM '" + block.label + "' block does not hold a valid public key ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Reads the first {@code CERTIFICATE} block.
     *
     * @throws IllegalArgumentException if there is no such block or it is not a valid X.509 certificate
     */
    public static X509Certificate readCertificate(String pem) {
        Block block = findBlock(pem, "certificate", CERTIFICATE);
        if (block == null) {
            throw new IllegalArgumentException("no PEM 'CERTIFICATE' block found");
        }
        Certificate cert;
        try {
            cert = CertificateFactory.getInstance("X.509", Sm.BC).generateCertificate(new ByteArrayInputStream(block.der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("PEM 'CERTIFICATE' block does not hold a valid X.509 certificate ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (cert instanceof X509Certificate x509) {
            return x509;
        }
        throw new IllegalArgumentException("PEM 'CERTIFICATE' block is not an X.509 certificate");
    }

    /** EC keys (SM2 among them) go through BouncyCastle; the JDK knows no sm2p256v1 curve. */
    private static JcaPEMKeyConverter converterFor(AlgorithmIdentifier algorithm) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        return X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm()) ? converter.setProvider(Sm.BC) : converter;
    }

    /**
     * Decodes a DER X.509 SubjectPublicKeyInfo holding an RSA or an SM2 key.
     *
     * @throws IllegalArgumentException if it is neither
     */
    public static PublicKey publicKeyFromDer(byte[] spkiDer) {
        Objects.requireNonNull(spkiDer, "spkiDer");
        try {
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(spkiDer);
            PublicKey key = converterFor(info.getAlgorithm()).getPublicKey(info);
            if (!"RSA".equals(key.getAlgorithm()) && !Sm.isSm2(key)) {
                throw new IllegalArgumentException("neither RSA nor SM2");
            }
            return key;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a DER X.509 SubjectPublicKeyInfo holding an RSA or SM2 key ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Decodes a DER X.509 SubjectPublicKeyInfo holding an RSA key.
     *
     * @throws IllegalArgumentException if it is not one
     */
    public static PublicKey rsaPublicKeyFromDer(byte[] spkiDer) {
        Objects.requireNonNull(spkiDer, "spkiDer");
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spkiDer));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not a DER X.509 SubjectPublicKeyInfo holding an RSA key ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** PKCS#8 {@code PRIVATE KEY} PEM with 64-character lines and a trailing newline. */
    public static String writePrivateKey(PrivateKey key) {
        Objects.requireNonNull(key, "key");
        byte[] der = "PKCS#8".equals(key.getFormat()) ? key.getEncoded() : null;
        if (der == null) {
            throw new IllegalArgumentException("private key cannot be exported as PKCS#8");
        }
        try {
            return write(PKCS8, der);
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    /** X.509 SubjectPublicKeyInfo {@code PUBLIC KEY} PEM with 64-character lines. */
    public static String writePublicKey(PublicKey key) {
        Objects.requireNonNull(key, "key");
        byte[] der = "X.509".equals(key.getFormat()) ? key.getEncoded() : null;
        if (der == null) {
            throw new IllegalArgumentException("public key cannot be exported as X.509 SubjectPublicKeyInfo");
        }
        return write(SPKI, der);
    }

    /** {@code CERTIFICATE} PEM with 64-character lines. */
    public static String writeCertificate(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        try {
            return write(CERTIFICATE, certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be DER-encoded");
        }
    }

    private static String write(String label, byte[] der) {
        String body = Base64.getMimeEncoder(LINE_CHARS, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private record Block(String label, byte[] der) {
    }

    /**
     * Finds the first block whose label is one of {@code labels} and base64-decodes its body.
     * Returns null when there is none.
     */
    private static Block findBlock(String pem, String what, String... labels) {
        if (pem == null) {
            throw new IllegalArgumentException(what + " PEM is missing");
        }
        if (pem.length() > PEM_CHARS_MAX) {
            throw new IllegalArgumentException(what + " PEM is longer than " + PEM_CHARS_MAX + " characters");
        }
        int from = 0;
        while (true) {
            int begin = pem.indexOf("-----BEGIN ", from);
            if (begin < 0) {
                return null;
            }
            int labelStart = begin + "-----BEGIN ".length();
            int labelEnd = pem.indexOf("-----", labelStart);
            if (labelEnd < 0) {
                return null;
            }
            String label = pem.substring(labelStart, labelEnd);
            from = labelEnd + 5;
            if (!Arrays.asList(labels).contains(label)) {
                continue;
            }
            String endLine = "-----END " + label + "-----";
            int end = pem.indexOf(endLine, from);
            if (end < 0) {
                throw new IllegalArgumentException("PEM '" + label + "' block has no END line");
            }
            return new Block(label, decodeBody(pem, from, end, label));
        }
    }

    private static byte[] decodeBody(String pem, int from, int to, String label) {
        StringBuilder b64 = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = pem.charAt(i);
            if (c == ':') {
                throw new IllegalArgumentException(
                        "PEM '" + label + "' block has headers (encrypted PEM is not supported)");
            }
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                b64.append(c);
            }
        }
        if (b64.length() == 0) {
            throw new IllegalArgumentException("PEM '" + label + "' block is empty");
        }
        try {
            return Base64.getDecoder().decode(b64.toString().getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM '" + label + "' block is not valid base64");
        }
    }
}
