package io.paygate.bench.load;

import io.paygate.signing.ApiV3Signatures;
import io.paygate.signing.Sm;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks, after a trial, the sample of signed answers the engine kept: each must name the platform
 * serial the merchant asked for in {@code Wechatpay-Serial} and carry a signature over
 * {@code timestamp\nnonce\nbody\n} that the platform key of that serial (the public key file or a
 * certificate from merchant.json or the admin answer) verifies. For an SM2 merchant this proves the
 * whole {@code WECHATPAY2-SM2-WITH-SM3} round trip: requests verified with SM2, answers signed with SM2.
 */
final class SignatureCheck {

    private SignatureCheck() {
    }

    /** The outcome, as it goes into the load generator's JSON. */
    static Map<String, Object> check(Merchant m, List<Engine.Signed> samples) {
        int verified = 0;
        int badSignature = 0;
        int wrongSerial = 0;
        int unknownSerial = 0;
        Map<String, Integer> serials = new TreeMap<>();
        String algorithm = null;
        for (Engine.Signed s : samples) {
            serials.merge(String.valueOf(s.serial()), 1, Integer::sum);
            if (!m.wechatpaySerial.equals(s.serial())) {
                wrongSerial++;
                continue;
            }
            PublicKey key = m.platformKeys.get(s.serial());
            if (key == null) {
                unknownSerial++;
                continue;
            }
            algorithm = Sm.isSm2(key) ? "SM2 (SM3withSM2)" : "RSA (SHA256withRSA)";
            boolean ok = s.timestamp() != null && s.nonce() != null && ApiV3Signatures.verify(key,
                    ApiV3Signatures.responseMessage(s.timestamp(), s.nonce(), s.body()), s.signature());
            if (ok) {
                verified++;
            } else {
                badSignature++;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sampled", samples.size());
        out.put("verified", verified);
        out.put("bad_signature", badSignature);
        out.put("wrong_serial", wrongSerial);
        out.put("unknown_serial", unknownSerial);
        out.put("expected_serial", m.wechatpaySerial);
        out.put("serials_seen", serials);
        out.put("algorithm", algorithm);
        out.put("all_verified", !samples.isEmpty() && verified == samples.size());
        return out;
    }
}
