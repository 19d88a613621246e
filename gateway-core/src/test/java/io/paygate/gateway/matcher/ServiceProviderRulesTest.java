package io.paygate.gateway.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.codec.command.Command;
import io.paygate.codec.command.CommandType;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Service providers (服务商) in the matcher: who may act for whom, whose money a partner order is,
 * where its notification goes, and the provider's commission as a share of the fee that moves back
 * in step with refunds, never leaving fee income or the provider below zero.
 */
class ServiceProviderRulesTest {

    static final String SP = "1900000500";
    static final String SP_APPID = "wx5000000000000500";
    static final String OTHER_SP = "1900000600";
    static final String DIRECT = "1900000700";

    MatcherHarness h;
    MatcherProbe probe;
    String sub;
    String subAppid;
    String otherSub;

    @BeforeEach
    void provision() {
        h = new MatcherHarness();
        probe = h.probe;
        serviceProvider(SP, SP_APPID);
        serviceProvider(OTHER_SP, "wx5000000000000600");
        h.merchant(DIRECT);
        MatchResult r = subMerchant(SP, 250_000); // the provider earns a quarter of each fee
        assertThat(r.code).isEqualTo(ResultCode.OK);
        sub = r.mchid;
        subAppid = r.appid;
        otherSub = subMerchant(OTHER_SP, 0).mchid;
    }

    void serviceProvider(String mchid, String appid) {
        Command c = h.cmds.provision(mchid, appid).build();
        c.flags |= Command.FLAG_SERVICE_PROVIDER;
        assertThat(h.apply(c).code).isEqualTo(ResultCode.OK);
    }

    int subs;

    MatchResult subMerchant(String spMchid, long commissionPpm) {
        return subMerchant(spMchid, commissionPpm, null);
    }

    MatchResult subMerchant(String spMchid, long commissionPpm, String notifyUrlDefault) {
        Command c = h.cmds.provision(null, "wxsub" + Commands.pad(++subs, 11)).build();
        c.notifyUrl = notifyUrlDefault;
        c.publicKeyDer = null;
        c.serialNo = null;
        c.spMchid = spMchid;
        c.commissionPpm = commissionPpm;
        return h.apply(c);
    }

    /** A partner Native order: {@code acting} signs as service provider for {@code owner}. */
    MatchResult partnerOrder(String acting, String spAppid, String owner, String outTradeNo, long amountFen) {
        Command c = h.cmds.nativeOrder(owner, spAppid, outTradeNo, amountFen).build();
        c.spMchid = acting;
        return h.apply(c);
    }

    Order paidPartnerOrder(String outTradeNo, long amountFen, String payer) {
        MatchResult created = partnerOrder(SP, SP_APPID, sub, outTradeNo, amountFen);
        assertThat(created.code).isEqualTo(ResultCode.OK);
        MatchResult paid = h.apply(h.cmds.pay(payer, created.order.token));
        assertThat(paid.code).isEqualTo(ResultCode.OK);
        return paid.order;
    }

    Command refund(String outTradeNo, String outRefundNo, long refundFen, long totalFen) {
        Command c = h.cmds.refund(sub, outTradeNo, outRefundNo, refundFen, totalFen).build();
        c.spMchid = SP;
        return c;
    }

    static List<Event> events(MatchResult r) {
        return Arrays.asList(r.events).subList(0, r.eventCount);
    }

    @Test
    void aSubMerchantNeedsAServiceProviderThatExists() {
        Command ofDirect = h.cmds.provision(null, "wx1111111111111111").build();
        ofDirect.spMchid = DIRECT;
        assertThat(h.apply(ofDirect).code).isEqualTo(ResultCode.NO_AUTH);
        Command ofNobody = h.cmds.provision(null, "wx2222222222222222").build();
        ofNobody.spMchid = "1999999999";
        assertThat(h.apply(ofNobody).code).isEqualTo(ResultCode.MCH_NOT_EXISTS);
    }

    @Test
    void aProviderActsForItsOwnSubMerchantsOnly() {
        assertThat(partnerOrder(SP, SP_APPID, sub, "SP_OWN_1", 1_000).code).isEqualTo(ResultCode.OK);
        assertThat(partnerOrder(OTHER_SP, "wx5000000000000600", sub, "SP_FOREIGN_1", 1_000).code)
                .as("another provider's sub-merchant").isEqualTo(ResultCode.NO_AUTH);
        assertThat(partnerOrder(DIRECT, SP_APPID, sub, "SP_DIRECT_1", 1_000).code)
                .as("a direct merchant acting as a provider").isEqualTo(ResultCode.NO_AUTH);
        assertThat(partnerOrder(sub, SP_APPID, otherSub, "SP_SUB_1", 1_000).code)
                .as("a sub-merchant acting as a provider").isEqualTo(ResultCode.NO_AUTH);
        assertThat(partnerOrder(SP, SP_APPID, "1999999999", "SP_NOBODY_1", 1_000).code)
                .as("an unknown sub-merchant is not this provider's").isEqualTo(ResultCode.NO_AUTH);
        assertThat(partnerOrder(SP, "wx9999999999999999", sub, "SP_WRONG_APP", 1_000).code)
                .as("sp_appid must be the provider's").isEqualTo(ResultCode.APPID_MCHID_NOT_MATCH);

        Command query = h.cmds.queryOrder(sub, "SP_OWN_1").build();
        query.spMchid = OTHER_SP;
        assertThat(h.apply(query).code).isEqualTo(ResultCode.NO_AUTH);
        query.spMchid = SP;
        MatchResult mine = h.apply(query);
        assertThat(mine.code).isEqualTo(ResultCode.OK);
        assertThat(mine.order.mchid).isEqualTo(sub);
        assertThat(mine.order.spMchid).isEqualTo(SP);
        Command close = h.cmds.close(sub, "SP_OWN_1").build();
        close.spMchid = OTHER_SP;
        assertThat(h.apply(close).code).isEqualTo(ResultCode.NO_AUTH);
    }

    @Test
    void theSubMerchantGetsTheMoneyTheProviderItsShareOfTheFeeAndTheNotification() {
        String payer = h.payer(100_000);
        MatchResult created = partnerOrder(SP, SP_APPID, sub, "SP_PAY_1", 10_000);
        MatchResult paid = h.apply(h.cmds.pay(payer, created.order.token));
        assertThat(paid.code).isEqualTo(ResultCode.OK);
        // fee 0.60% of 100.00 = 60 fen; a quarter of it (15) is the provider's commission
        assertThat(probe.merchantBalance(sub)).isEqualTo(10_000 - 60);
        assertThat(probe.merchantBalance(SP)).isEqualTo(15);
        assertThat(probe.feeIncome()).isEqualTo(45);
        assertThat(events(paid)).singleElement().satisfies(e -> {
            assertThat(e.type).isEqualTo(EventType.TRANSACTION_SUCCESS);
            assertThat(e.mchid).as("the provider that placed the order is told").isEqualTo(SP);
            assertThat(e.order.mchid).isEqualTo(sub);
        });
    }

    @Test
    void aFullRefundTakesTheCommissionBackAndAFailedOneGivesItAgain() {
        String payer = h.payer(100_000);
        paidPartnerOrder("SP_REFUND_1", 10_000, payer);
        MatchResult refunded = h.apply(refund("SP_REFUND_1", "R_SP_1", 10_000, 10_000));
        assertThat(refunded.code).isEqualTo(ResultCode.OK);
        assertThat(probe.merchantBalance(SP)).isZero();
        assertThat(probe.feeIncome()).isZero();
        h.tick(); // the refund reaches the payer
        assertThat(probe.payerBalance(payer)).isEqualTo(100_000);
        assertThat(probe.merchantBalance(sub)).isZero();

        paidPartnerOrder("SP_REFUND_2", 10_000, payer);
        Command closed = new Command();
        closed.type = CommandType.SET_PAYER_STATUS;
        closed.openid = payer;
        closed.acceptedAtMillis = h.cmds.now();
        closed.name = "CLOSED";
        assertThat(h.apply(closed).code).isEqualTo(ResultCode.OK);
        assertThat(h.apply(refund("SP_REFUND_2", "R_SP_2", 10_000, 10_000)).code).isEqualTo(ResultCode.OK);
        assertThat(probe.merchantBalance(SP)).isZero();
        MatchResult tick = h.tick(); // the payer's wallet is closed: the refund fails
        assertThat(events(tick)).singleElement().satisfies(e -> {
            assertThat(e.type).isEqualTo(EventType.REFUND_CLOSED);
            assertThat(e.mchid).isEqualTo(SP);
        });
        assertThat(probe.merchantBalance(SP)).as("the fee is charged again, commission and all").isEqualTo(15);
        assertThat(probe.feeIncome()).isEqualTo(45);
    }

    @Test
    void seededPartialRefundsNeverLeaveFeeIncomeOrTheProviderBelowZero() {
        long seed = Long.getLong("paygate.sp.seed", System.nanoTime());
        System.out.println("ServiceProviderRulesTest seed " + seed);
        SplittableRandom r = new SplittableRandom(seed);
        String payer = h.payer(1_000_000_000L);
        for (int order = 0; order < 60; order++) {
            long total = 1 + r.nextLong(200_000);
            String no = "SP_PART_" + order;
            paidPartnerOrder(no, total, payer);
            long left = total;
            for (int k = 0; left > 0 && k < 8; k++) {
                long amount = k == 7 || r.nextInt(4) == 0 ? left : 1 + r.nextLong(left);
                // the harness checks every invariant after each command: no overdraft, sums to zero,
                // commission within the fee
                assertThat(h.apply(refund(no, no + "_R" + k, amount, total)).code).as("seed %d", seed)
                        .isEqualTo(ResultCode.OK);
                left -= amount;
            }
        }
        h.tick();
        assertThat(probe.feeIncome()).as("seed %d", seed).isGreaterThanOrEqualTo(0);
        assertThat(probe.merchantBalance(SP)).as("seed %d", seed).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aPartnerOrderWithoutNotifyUrlUsesItsSubMerchantsDefault() {
        String withDefault = subMerchant(SP, 0, "https://noodles.example/notify").mchid;
        Command noUrl = h.cmds.nativeOrder(withDefault, SP_APPID, "SP_DEFAULT_1", 500).build();
        noUrl.spMchid = SP;
        noUrl.notifyUrl = null;
        MatchResult created = h.apply(noUrl);
        assertThat(created.code).isEqualTo(ResultCode.OK);
        assertThat(created.order.notifyUrl).isEqualTo("https://noodles.example/notify");
        Command again = h.cmds.nativeOrder(withDefault, SP_APPID, "SP_DEFAULT_1", 500).build();
        again.spMchid = SP;
        again.notifyUrl = null;
        assertThat(h.apply(again).code).as("the same terms again").isEqualTo(ResultCode.OK_REPEATED);
        again.notifyUrl = "https://elsewhere.example/notify";
        assertThat(h.apply(again).code).as("another notify_url is other terms").isEqualTo(ResultCode.OUT_TRADE_NO_USED);
        String payer = h.payer(10_000);
        MatchResult paid = h.apply(h.cmds.pay(payer, created.order.token));
        assertThat(events(paid)).singleElement().satisfies(e -> {
            assertThat(e.notifyUrl).isEqualTo("https://noodles.example/notify");
            assertThat(e.mchid).isEqualTo(SP);
        });

        Command noDefault = h.cmds.nativeOrder(sub, SP_APPID, "SP_NO_URL_1", 500).build();
        noDefault.spMchid = SP;
        noDefault.notifyUrl = null;
        assertThat(h.apply(noDefault).code).isEqualTo(ResultCode.NOTIFY_URL_MISSING);
        Command explicit = h.cmds.nativeOrder(withDefault, SP_APPID, "SP_EXPLICIT_1", 500).build();
        explicit.spMchid = SP;
        assertThat(h.apply(explicit).order.notifyUrl).as("an explicit notify_url wins")
                .isEqualTo("https://www.weixin.qq.com/wxpay/pay.php");
    }
}
