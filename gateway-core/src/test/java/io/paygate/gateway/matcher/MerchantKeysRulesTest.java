package io.paygate.gateway.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.codec.command.Command;
import io.paygate.codec.command.CommandType;
import org.junit.jupiter.api.Test;

/** A merchant may hold more than one API key (RSA and SM2, rotations), up to a limit, each serial once. */
class MerchantKeysRulesTest {

    final MatcherHarness h = new MatcherHarness();

    Command addKey(String mchid, String serial) {
        Command c = new Command();
        c.type = CommandType.ADD_MERCHANT_KEY;
        c.acceptedAtMillis = h.cmds.now();
        c.mchid = mchid;
        c.serialNo = serial;
        c.publicKeyDer = new byte[] {0x30, 0x59, (byte) serial.hashCode()};
        return c;
    }

    @Test
    void keysAreAddedOncePerSerialUpToTheLimitAndSurviveTheStateEncoding() {
        MatcherHarness.Mch m = h.merchant("1900000900");
        String provisioned = h.matcher.merchants().get(0).serialNo();
        assertThat(h.apply(addKey(m.mchid(), provisioned)).code).as("the provisioning serial")
                .isEqualTo(ResultCode.KEY_EXISTS);
        assertThat(h.apply(addKey(m.mchid(), "SM2SERIAL01")).code).isEqualTo(ResultCode.OK);
        assertThat(h.apply(addKey(m.mchid(), "SM2SERIAL01")).code).isEqualTo(ResultCode.KEY_EXISTS);
        assertThat(h.apply(addKey(m.mchid(), "RSAROTATED2")).code).isEqualTo(ResultCode.OK);
        assertThat(h.apply(addKey(m.mchid(), "SM2ROTATED3")).code).isEqualTo(ResultCode.OK);
        assertThat(h.apply(addKey(m.mchid(), "ONETOOMANY4")).code).isEqualTo(ResultCode.KEY_LIMIT);
        assertThat(h.apply(addKey("1999999999", "ANY")).code).isEqualTo(ResultCode.MCH_NOT_EXISTS);

        assertThat(h.matcher.merchants().get(0).keys()).extracting(Merchant.ApiKey::serialNo)
                .containsExactly(provisioned, "SM2SERIAL01", "RSAROTATED2", "SM2ROTATED3");
        Matcher restored = Matcher.restore(h.matcher.canonicalState());
        assertThat(restored.stateHash()).isEqualTo(h.matcher.stateHash());
        assertThat(restored.merchants().get(0).keys()).extracting(Merchant.ApiKey::serialNo)
                .containsExactly(provisioned, "SM2SERIAL01", "RSAROTATED2", "SM2ROTATED3");
    }
}
