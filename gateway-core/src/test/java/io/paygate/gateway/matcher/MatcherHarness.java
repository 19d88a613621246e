package io.paygate.gateway.matcher;

import io.paygate.codec.command.Command;

/**
 * A matcher with the journal stage's sequencing in front of it, for rule tests: each {@link #apply}
 * stamps the next sequence (queries none), applies the command, checks the full invariants and hands
 * back a result of its own (results are not reused, so a test may keep several).
 */
final class MatcherHarness {
    final Commands cmds = new Commands();
    final Matcher matcher = new Matcher();
    final MatcherProbe probe = new MatcherProbe(matcher);

    /** A provisioned merchant as the tests use it. */
    record Mch(String mchid, String appid) {
    }

    MatchResult apply(Commands.Cmd c) {
        return apply(c.build());
    }

    MatchResult apply(Command cmd) {
        cmds.journal(cmd);
        MatchResult out = new MatchResult();
        matcher.apply(cmd, out);
        matcher.checkInvariants();
        return out;
    }

    /** Provisions a merchant with an explicit mchid and the default fee rate. */
    Mch merchant(String mchid) {
        String appid = "wx" + Commands.pad(Long.parseLong(mchid) % 10_000_000_000_000_000L, 16);
        MatchResult r = apply(cmds.provision(mchid, appid));
        require(r, ResultCode.OK);
        return new Mch(r.mchid, r.appid);
    }

    /** A payer funded with {@code balanceFen}; returns the openid. */
    String payer(long balanceFen) {
        MatchResult r = apply(cmds.createPayer(balanceFen));
        require(r, ResultCode.OK);
        return r.openid;
    }

    String authCode(String openid) {
        MatchResult r = apply(cmds.issueAuthCode(openid));
        require(r, ResultCode.OK);
        return r.authCode;
    }

    /** A NOTPAY Native order; returns its code_url token. */
    String nativeOrder(Mch m, String outTradeNo, long amountFen) {
        MatchResult r = apply(cmds.nativeOrder(m.mchid(), m.appid(), outTradeNo, amountFen));
        require(r, ResultCode.OK);
        return r.order.token;
    }

    /** A Native order paid by {@code openid}; returns the paid order view. */
    Order paidOrder(Mch m, String outTradeNo, long amountFen, String openid) {
        String token = nativeOrder(m, outTradeNo, amountFen);
        MatchResult r = apply(cmds.pay(openid, token));
        require(r, ResultCode.OK);
        return r.order;
    }

    MatchResult tick() {
        return apply(cmds.tick());
    }

    static void require(MatchResult r, ResultCode code) {
        if (r.code != code) {
            throw new AssertionError("setup expected " + code + " but the matcher said " + r.code);
        }
    }
}
