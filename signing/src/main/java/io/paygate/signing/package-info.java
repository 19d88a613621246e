/**
 * Keys, signatures and authenticated encryption for the WeChat Pay wire protocol.
 *
 * <p><b>Place in the flow.</b> The verify stage uses {@link io.paygate.signing.AuthorizationHeader}
 * and {@link io.paygate.signing.ApiV3Signatures} to check a merchant's APIv3 request signature over
 * the raw request bytes before any JSON is parsed. The respond and notify stages use
 * {@link io.paygate.signing.PlatformKeys} and {@link io.paygate.signing.ApiV3Signatures#sign} to sign
 * every 2xx response and every notification, and {@link io.paygate.signing.AesGcm} to encrypt
 * notification resources and {@code /v3/certificates} entries with the merchant's
 * {@link io.paygate.signing.ApiV3Key}. The APIv2 (XML) path uses
 * {@link io.paygate.signing.ApiV2Signatures}. Provisioning uses {@link io.paygate.signing.Pem},
 * {@link io.paygate.signing.Keys} and {@link io.paygate.signing.Certificates}.
 *
 * <p><b>Threads.</b> None. Everything here is a pure function or a small immutable value, safe to
 * call from any thread. Nothing here knows about Netty, the ring, the journal, clocks or logging:
 * the current time and the random source are always arguments.
 *
 * <p><b>Reads and writes.</b> Byte arrays and strings handed in by the caller; no I/O, no global
 * state. In particular no JCA provider is registered: BouncyCastle is used only as a library
 * (ASN.1, PKCS#1 key parsing, certificate building) and the JDK's own providers do the
 * cryptography.
 *
 * <p><b>Must never.</b> Print key material. Types holding secrets ({@link io.paygate.signing.ApiV3Key},
 * {@link io.paygate.signing.SigningKey}) mask their {@code toString()}, and no exception thrown here
 * carries key bytes, PEM text or an echo of untrusted input in its message or cause chain.
 * {@link io.paygate.signing.SignatureFailure} messages are safe to return to clients verbatim.
 *
 * <p><b>Protocol reference.</b> {@code shared/reference/wechatpay-v3.md}: §1.1 request signature,
 * §1.3 response signature, §1.4 and §4 AEAD_AES_256_GCM, §3 APIv2 signatures.
 */
package io.paygate.signing;
