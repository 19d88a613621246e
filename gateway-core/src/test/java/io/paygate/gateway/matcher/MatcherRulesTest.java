package io.paygate.gateway.matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paygate.codec.command.Command;
import io.paygate.codec.command.TradeType;
import io.paygate.gateway.matcher.MatcherHarness.Mch;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One test per matcher rule and per {@link ResultCode} it can decide (all but HALTED, which only the
 * matcher stage answers). Amounts are checked against numbers computed by hand in the comments.
 * Every command goes through {@link MatcherHarness}, which also runs the full invariants after it.
 */
class MatcherRulesTest {

    static final String MCH_A = "1230000109";
    static final String MCH_B = "1230000110";

    final MatcherHarness h = new MatcherHarness();
    final Commands c = h.cmds;
    final MatcherProbe probe = h.probe;

    static Stream<Arguments> differingTerms() {
        return Stream.of(
                term("amount", x -> x.amount(1002)),
                term("trade_type", x -> x.tradeType(TradeType.APP)),
                term("description", x -> x.description("other")),
                term("attach", x -> x.attach("other")),
                term("attach absent", x -> x.attach(null)),
                term("notify_url", x -> x.notifyUrl("https://example.com/other")),
                term("goods_tag", x -> x.goodsTag("WXG2")),
                term("time_expire", x -> x.timeExpire(Commands.START_MILLIS + 3_600_001)),
                term("payer.openid", x -> x.openid("oOTHER")),
                term("scene_info.device_id", x -> x.deviceId("POS-2")),
                term("scene_info.payer_client_ip", x -> x.payerClientIp("10.0.0.2")),
                term("scene_info.store_info.id", x -> x.storeId("0002")),
                term("support_fapiao", x -> x.flags(0)),
                term("settle_info.profit_sharing", x -> x.flags(Command.FLAG_SUPPORT_FAPIAO | Command.FLAG_PROFIT_SHARING)));
    }

    static Arguments term(String name, Consumer<Commands.Cmd> change) {
        return Arguments.of(name, change);
    }

    // ------------------------------------------------------------------ provisioning

    @Nested
    class Provisioning {
        @Test
        void explicitMchidIsKept() {
            MatchResult r = h.apply(c.provision(MCH_A, "wxd930ea5d5a258f4f"));
            assertThat(r.code).isEqualTo(ResultCode.OK);
            assertThat(r.mchid).isEqualTo(MCH_A);
            assertThat(r.appid).isEqualTo("wxd930ea5d5a258f4f");
            assertThat(h.matcher.merchantCount()).isEqualTo(1);
            // funding, fee income, refund transit, and the merchant's settlement account
            assertThat(h.matcher.accountCount()).isEqualTo(4);
            assertThat(probe.merchantBalance(MCH_A)).isZero();
            assertThat(h.matcher.merchants().get(0).feeRatePpm()).isEqualTo(6000);
        }

        @Test
        void mchidIsAssignedFrom1900000001AndSkipsTakenOnes() {
            assertThat(h.apply(c.provision(null, "wx0000000000000001")).mchid).isEqualTo("1900000001");
            assertThat(h.apply(c.provision("1900000003", "wx0000000000000003")).mchid).isEqualTo("1900000003");
            // two merchants exist, so the next candidate is 1900000003, which is taken
            assertThat(h.apply(c.provision(null, "wx0000000000000004")).mchid).isEqualTo("1900000004");
            assertThat(h.matcher.merchantCount()).isEqualTo(3);
        }

        @Test
        void merchantExists() {
            h.merchant(MCH_A);
            String before = probe.fingerprintExceptClock();
            MatchResult r = h.apply(c.provision(MCH_A, "wx1111111111111111"));
            assertThat(r.code).isEqualTo(ResultCode.MERCHANT_EXISTS);
            assertThat(r.mchid).isNull();
            assertThat(probe.fingerprintExceptClock()).isEqualTo(before);
            assertThat(h.matcher.merchants().get(0).appid()).isNotEqualTo("wx1111111111111111");
        }
    }

    // ------------------------------------------------------------------ create order

    @Nested
    class CreateOrder {
        Mch a = h.merchant(MCH_A);

        @Test
        void okIsNotpayWithTheAcceptorsTokenAndDeadline() {
            long at = c.now();
            MatchResult r = h.apply(c.nativeOrder(a.mchid(), a.appid(), "order-0001", 1001));
            assertThat(r.code).isEqualTo(ResultCode.OK);
            Order o = r.order;
            assertThat(o.state).isEqualTo(TradeState.NOTPAY);
            assertThat(o.token).isEqualTo("C000000000000001");
            assertThat(o.totalFen).isEqualTo(1001);
            assertThat(o.createdAtMillis).isEqualTo(at);
            assertThat(o.createdSequence).isEqualTo(2);
            assertThat(o.deadlineMillis).isEqualTo(at + Commands.PREPAY_VALIDITY_MILLIS);
            assertThat(o.transactionId).isNull();
            assertThat(h.matcher.orderCount()).isEqualTo(1);
            assertThat(h.matcher.nextDeadlineMillis()).isEqualTo(at + Commands.PREPAY_VALIDITY_MILLIS);
            assertThat(probe.merchantBalance(a.mchid())).isZero();
        }

        @Test
        void timeExpireIsTheDeadline() {
            long expire = c.now() + 600_000;
            MatchResult r = h.apply(c.nativeOrder(a.mchid(), a.appid(), "order-0001", 5).timeExpire(expire));
            assertThat(r.order.deadlineMillis).isEqualTo(expire);
            assertThat(r.order.timeExpireMillis).isEqualTo(expire);
        }

        @Test
        void identicalRetryReturnsTheOriginalToken() {
            MatchResult first = h.apply(c.nativeOrder(a.mchid(), a.appid(), "order-0001", 1001));
            c.advance(5_000);
            Command retry = c.nativeOrder(a.mchid(), a.appid(), "order-0001", 1001).build();
            String freshToken = retry.token;
            MatchResult second = h.apply(retry);
            assertThat(second.code).isEqualTo(ResultCode.OK_REPEATED);
            assertThat(second.order.token).isEqualTo(first.order.token).isNotEqualTo(freshToken);
            assertThat(second.order.createdAtMillis).isEqualTo(first.order.createdAtMillis);
            assertThat(h.matcher.orderCount()).isEqualTo(1);
            // the fresh token the acceptor drew for the retry is not an order
            String payer = h.payer(5000);
            assertThat(h.apply(c.pay(payer, freshToken)).code).isEqualTo(ResultCode.ORDER_NOT_EXIST);
        }

        Commands.Cmd fullJsapi() {
            return c.jsapiOrder(a.mchid(), a.appid(), "order-0001", 1001, "oBUYER").attach("a").goodsTag("WXG")
                    .timeExpire(Commands.START_MILLIS + 3_600_000).deviceId("POS-1").payerClientIp("10.0.0.1")
                    .storeId("0001").flags(Command.FLAG_SUPPORT_FAPIAO);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.paygate.gateway.matcher.MatcherRulesTest#differingTerms")
        void outTradeNoUsedForEachDifferingTerm(String term, Consumer<Commands.Cmd> change) {
            assertThat(h.apply(fullJsapi()).code).isEqualTo(ResultCode.OK);
            assertThat(h.apply(fullJsapi()).code).as("identical terms").isEqualTo(ResultCode.OK_REPEATED);
            String before = probe.fingerprintExceptClock();
            Commands.Cmd changed = fullJsapi();
            change.accept(changed);
            MatchResult r = h.apply(changed);
            assertThat(r.code).as(term).isEqualTo(ResultCode.OUT_TRADE_NO_USED);
            assertThat(r.hasOrder).isFalse();
            assertThat(probe.fingerprintExceptClock()).isEqualTo(before);
        }

        @Test
        void appidOfAnotherMerchant() {
            Mch b = h.merchant(MCH_B);
            MatchResult r = h.apply(c.nativeOrder(a.mchid(), b.appid(), "order-0001", 1));
            assertThat(r.code).isEqualTo(ResultCode.APPID_MCHID_NOT_MATCH);
            assertThat(h.matcher.orderCount()).isZero();
        }

        @Test
        void unknownMerchant() {
            MatchResult r = h.apply(c.nativeOrder("1999999999", a.appid(), "order-0001", 1));
            assertThat(r.code).isEqualTo(ResultCode.MCH_NOT_EXISTS);
            assertThat(h.matcher.orderCount()).isZero();
        }

        @Test
        void tokenCollision() {
            MatchResult first = h.apply(c.nativeOrder(a.mchid(), a.appid(), "order-0001", 1));
            MatchResult r = h.apply(c.nativeOrder(a.mchid(), a.appid(), "order-0002", 1).token(first.order.token));
            assertThat(r.code).isEqualTo(ResultCode.TOKEN_COLLISION);
            assertThat(h.apply(c.nativeOrder(a.mchid(), a.appid(), "order-0003", 1).token(null)).code)
                    .isEqualTo(ResultCode.TOKEN_COLLISION);
            assertThat(h.matcher.orderCount()).isEqualTo(1);
            // the acceptor retries with a fresh token and the out_trade_no is still free
            assertThat(h.apply(c.nativeOrder(a.mchid(), a.appid(), "order-0002", 1)).code).isEqualTo(ResultCode.OK);
        }
    }

    // ------------------------------------------------------------------ close

    @Nested
    class Close {
        Mch a = h.merchant(MCH_A);

        @Test
        void notpayBecomesClosed() {
            h.nativeOrder(a, "order-0001", 100);
            c.advance(1234);
            MatchResult r = h.apply(c.close(a.mchid(), "order-0001"));
            assertThat(r.code).isEqualTo(ResultCode.OK);
            assertThat(r.order.state).isEqualTo(TradeState.CLOSED);
            assertThat(r.order.closedAtMillis).isEqualTo(Commands.START_MILLIS + 1234);
        }

        @Test
        void closingTwiceRepeats() {
            h.nativeOrder(a, "order-0001", 100);
            h.apply(c.close(a.mchid(), "order-0001"));
            MatchResult r = h.apply(c.advance(10).close(a.mchid(), "order-0001"));
            assertThat(r.code).isEqualTo(ResultCode.OK_REPEATED);
            assertThat(r.order.closedAtMillis).isEqualTo(Commands.START_MILLIS);
        }

        @Test
        void paidOrderIsPaid() {
            h.paidOrder(a, "order-0001", 100, h.payer(100));
            assertThat(h.apply(c.close(a.mchid(), "order-0001")).code).isEqualTo(ResultCode.ORDER_PAID);
            h.apply(c.refund(a.mchid(), "order-0001", "refund-1", 10, 100));
            MatchResult r = h.apply(c.close(a.mchid(), "order-0001"));
            assertThat(r.code).isEqualTo(ResultCode.ORDER_PAID);
            assertThat(r.order.state).isEqualTo(TradeState.REFUND);
        }

        @Test
        void codepayIsNotClosable() {
            String payer = h.payer(1_000_000);
            h.apply(c.codepay(a.mchid(), a.appid(), "code-0001", 100, h.authCode(payer)));
            h.apply(c.codepay(a.mchid(), a.appid(), "code-0002", 200_000, h.authCode(payer)));
            MatchResult paid = h.apply(c.close(a.mchid(), "code-0001"));
            assertThat(paid.code).isEqualTo(ResultCode.ORDER_NOT_CLOSABLE);
            assertThat(paid.order.state).isEqualTo(TradeState.SUCCESS);
            MatchResult waiting = h.apply(c.close(a.mchid(), "code-0002"));
            assertThat(waiting.code).isEqualTo(ResultCode.ORDER_NOT_CLOSABLE);
            assertThat(waiting.order.state).isEqualTo(TradeState.USERPAYING);
            h.apply(c.reverse(a.mchid(), a.appid(), "code-0002"));
            assertThat(h.apply(c.close(a.mchid(), "code-0002")).code).isEqualTo(ResultCode.ORDER_NOT_CLOSABLE);
        }

        @Test
        void unknownOrderOrMerchant() {
            assertThat(h.apply(c.close(a.mchid(), "nope-0001")).code).isEqualTo(ResultCode.ORDER_NOT_EXIST);
            assertThat(h.apply(c.close("1999999999", "nope-0001")).code).isEqualTo(ResultCode.MCH_NOT_EXISTS);
        }
    }

    // ------------------------------------------------------------------ query

    @Nested
    class Query {
        Mch a = h.merchant(MCH_A);
        Mch b = h.merchant(MCH_B);

        @Test
        void byOutTradeNoAndByTransactionId() {
            Order paid = h.paidOrder(a, "order-0001", 100, h.payer(100));
            long seq = h.matcher.lastSequence();
            MatchResult r1 = h.apply(c.queryOrder(a.mchid(), "order-0001"));
            assertThat(r1.code).isEqualTo(ResultCode.OK);
            assertThat(r1.order.transactionId).isEqualTo(paid.transactionId);
            MatchResult r2 = h.apply(c.queryByTransactionId(a.mchid(), paid.transactionId));
            assertThat(r2.code).isEqualTo(ResultCode.OK);
            assertThat(r2.order.outTradeNo).isEqualTo("order-0001");
            assertThat(r2.order.state).isEqualTo(TradeState.SUCCESS);
            assertThat(h.matcher.lastSequence()).as("queries are not journaled").isEqualTo(seq);
        }

        @Test
        void anotherMerchantsOrderDoesNotExist() {
            Order paid = h.paidOrder(a, "order-0001", 100, h.payer(100));
            assertThat(h.apply(c.queryOrder(b.mchid(), "order-0001")).code).isEqualTo(ResultCode.ORDER_NOT_EXIST);
            MatchResult r = h.apply(c.queryByTransactionId(b.mchid(), paid.transactionId));
            assertThat(r.code).isEqualTo(ResultCode.ORDER_NOT_EXIST);
            assertThat(r.hasOrder).isFalse();
            assertThat(h.apply(c.queryByTransactionId(a.mchid(), "4200000000000000000000000000")).code)
                    .isEqualTo(ResultCode.ORDER_NOT_EXIST);
            assertThat(h.apply(c.queryOrder("1999999999", "order-0001")).code).isEqualTo(ResultCode.MCH_NOT_EXISTS);
        }

        @Test
        void unpaidOrderHasNoTransactionId() {
            h.nativeOrder(a, "order-0001", 100);
            MatchResult r = h.apply(c.queryOrder(a.mchid(), "order-0001"));
            assertThat(r.order.state).isEqualTo(TradeState.NOTPAY);
            assertThat(r.order.transactionId).isNull();
        }
    }

    // ------------------------------------------------------------------ payers

    @Nested
    class Payers {
        @Test
        void createdWithMoneyFromTheFundingSource() {
            MatchResult r = h.apply(c.createPayer(100_000));
            assertThat(r.code).isEqualTo(ResultCode.OK);
            assertThat(r.openid).startsWith("o").hasSize(28);
            assertThat(r.balanceFen).isEqualTo(100_000);
            assertThat(probe.funding()).isEqualTo(-100_000);
            assertThat(h.matcher.payerCount()).isEqualTo(1);
            MatchResult q = h.apply(c.queryPayer(r.openid));
            assertThat(q.code).isEqualTo(ResultCode.OK);
            assertThat(q.balanceFen).isEqualTo(100_000);
            assertThat(q.openid).isEqualTo(r.openid);
        }

        @Test
        void zeroBalanceMovesNothing() {
            MatchResult r = h.apply(c.createPayer(0));
            assertThat(r.code).isEqualTo(ResultCode.OK);
            assertThat(r.balanceFen).isZero();
            assertThat(probe.state().ledger.transfers()).isZero();
        }

        @Test
        void unknownPayer() {
            assertThat(h.apply(c.queryPayer("oNOBODY")).code).isEqualTo(ResultCode.PAYER_NOT_EXIST);
            assertThat(h.apply(c.issueAuthCode("oNOBODY")).code).isEqualTo(ResultCode.PAYER_NOT_EXIST);
        }

        @Test
        void openidCollision() {
            String openid = h.payer(10);
            MatchResult r = h.apply(c.createPayer(20).openid(openid));
            assertThat(r.code).isEqualTo(ResultCode.TOKEN_COLLISION);
            assertThat(probe.payerBalance(openid)).isEqualTo(10);
            assertThat(probe.funding()).isEqualTo(-10);
        }

        @Test
        void authCodeIsIssuedWithTheAcceptorsDeadline() {
            String openid = h.payer(10);
            long at = c.now();
            MatchResult r = h.apply(c.issueAuthCode(openid));
            assertThat(r.code).isEqualTo(ResultCode.OK);
            assertThat(r.authCode).hasSize(18).startsWith("13");
            assertThat(r.expiresAtMillis).isEqualTo(at + Commands.AUTH_CODE_VALIDITY_MILLIS);
            assertThat(r.openid).isEqualTo(openid);
            assertThat(h.apply(c.issueAuthCode(openid).token(r.authCode)).code).isEqualTo(ResultCode.TOKEN_COLLISION);
        }
    }

    // ------------------------------------------------------------------ pay (sandbox scan / JSAPI)

    @Nested
    class Pay {
        Mch a = h.merchant(MCH_A);

        @Test
        void okMovesTotalMinusFeeToTheMerchantAndTheFeeToFeeIncome() {
            String payer = h.payer(25_000);
            String token = h.nativeOrder(a, "order-0001", 10_000);
            c.advance(777);
            MatchResult r = h.apply(c.pay(payer, token));
            assertThat(r.code).isEqualTo(ResultCode.OK);
            // 10000 fen at 6000 ppm: fee 60.00 -> 60
            assertThat(probe.payerBalance(payer)).isEqualTo(15_000);
            assertThat(probe.merchantBalance(a.mchid())).isEqualTo(9_940);
            assertThat(probe.feeIncome()).isEqualTo(60);
            Order o = r.order;
            assertThat(o.state).isEqualTo(TradeState.SUCCESS);
            assertThat(o.feeFen).isEqualTo(60);
            assertThat(o.payerOpenid).isEqualTo(payer);
            assertThat(o.payerTotalFen).isEqualTo(10_000);
            assertThat(o.successTimeMillis).isEqualTo(Commands.START_MILLIS + 777);
            // 4200 + the CST date of the payment + the journal sequence, 16 digits
            assertThat(o.transactionId).isEqualTo("4200" + "20240601" + Commands.pad(h.matcher.lastSequence(), 16));
        }

        @Test
        void payerNotEnoughMovesNothing() {
            String payer = h.payer(9_999);
            String token = h.nativeOrder(a, "order-0001", 10_000);
            String before = probe.fingerprintExceptClock();
            MatchResult r = h.apply(c.pay(payer, token));
            assertThat(r.code).isEqualTo(ResultCode.PAYER_NOT_ENOUGH);
            assertThat(r.order.state).isEqualTo(TradeState.NOTPAY);
            assertThat(probe.fingerprintExceptClock()).isEqualTo(before);
            // an exact balance is enough
            assertThat(h.apply(c.pay(h.payer(10_000), token)).code).isEqualTo(ResultCode.OK);
        }

        @Test
        void alreadyPaid() {
            String payer = h.payer(1_000);
            String token = h.nativeOrder(a, "order-0001", 100);
            h.apply(c.pay(payer, token));
            MatchResult again = h.apply(c.pay(payer, token));
            assertThat(again.code).isEqualTo(ResultCode.ALREADY_PAID);
            assertThat(h.apply(c.pay(h.payer(1_000), token)).code).isEqualTo(ResultCode.ALREADY_PAID);
            assertThat(probe.payerBalance(payer)).isEqualTo(900);
            h.apply(c.refund(a.mchid(), "order-0001", "r1", 1, 100));
            assertThat(h.apply(c.pay(payer, token)).code).as("REFUND is paid too").isEqualTo(ResultCode.ALREADY_PAID);
        }

        @Test
        void closedOrder() {
            String payer = h.payer(1_000);
            String token = h.nativeOrder(a, "order-0001", 100);
            h.apply(c.close(a.mchid(), "order-0001"));
            assertThat(h.apply(c.pay(payer, token)).code).isEqualTo(ResultCode.ORDER_CLOSED);
            assertThat(probe.payerBalance(payer)).isEqualTo(1_000);
        }

        @Test
        void lapsedButNotYetTickedOrderIsClosed() {
            String payer = h.payer(1_000);
            String token = h.nativeOrder(a, "order-0001", 100);
            String other = h.nativeOrder(a, "order-0002", 100);
            long deadline = Commands.START_MILLIS + Commands.PREPAY_VALIDITY_MILLIS;
            // one millisecond before the deadline the order can still be paid
            assertThat(h.apply(c.clock(deadline - 1).pay(payer, other)).code).isEqualTo(ResultCode.OK);
            MatchResult r = h.apply(c.clock(deadline).pay(payer, token));
            assertThat(r.code).isEqualTo(ResultCode.ORDER_CLOSED);
            assertThat(r.order.state).as("no tick yet").isEqualTo(TradeState.NOTPAY);
            assertThat(probe.payerBalance(payer)).isEqualTo(900);
        }

        @Test
        void jsapiOrderBelongsToItsPayer() {
            String buyer = h.payer(1_000);
            String stranger = h.payer(1_000);
            MatchResult created = h.apply(c.jsapiOrder(a.mchid(), a.appid(), "order-0001", 100, buyer));
            MatchResult r = h.apply(c.pay(stranger, created.order.token));
            assertThat(r.code).isEqualTo(ResultCode.BUYER_MISMATCH);
            assertThat(probe.payerBalance(stranger)).isEqualTo(1_000);
            assertThat(h.apply(c.pay(buyer, created.order.token)).code).isEqualTo(ResultCode.OK);
        }

        @Test
        void nativeOrderCanBePaidByAnyone() {
            String token = h.nativeOrder(a, "order-0001", 100);
            String anyone = h.payer(100);
            assertThat(h.apply(c.pay(anyone, token)).order.payerOpenid).isEqualTo(anyone);
        }

        @Test
        void unknownTokenOrPayer() {
            String payer = h.payer(1_000);
            String token = h.nativeOrder(a, "order-0001", 100);
            assertThat(h.apply(c.pay(payer, "C999999999999999")).code).isEqualTo(ResultCode.ORDER_NOT_EXIST);
            assertThat(h.apply(c.pay("oNOBODY", token)).code).isEqualTo(ResultCode.PAYER_NOT_EXIST);
        }

        @Test
        void aCodepayOrderCannotBePaidByItsAuthCode() {
            String payer = h.payer(1_000_000);
            String code = h.authCode(payer);
            h.apply(c.codepay(a.mchid(), a.appid(), "code-0001", 200_000, code));
            assertThat(h.apply(c.pay(payer, code)).code).isEqualTo(ResultCode.ORDER_NOT_EXIST);
        }
    }

    // ------------------------------------------------------------------ codepay

    @Nested
    class Codepay {
        Mch a = h.merchant(MCH_A);
        String payer = h.payer(1_000_000);

        @Test
        void withinTheLimitSettlesAtOnce() {
            String code = h.authCode(payer);
            MatchResult r = h.apply(c.codepay(a.mchid(), a.appid(), "code-0001", 100_000, code));
            assertThat(r.code).isEqualTo(ResultCode.OK);
            assertThat(r.order.state).isEqualTo(TradeState.SUCCESS);
            assertThat(r.order.tradeType).isEqualTo(TradeType.MICROPAY);
            assertThat(r.order.payerOpenid).isEqualTo(payer);
            // 100000 at 6000 ppm: fee 600
            assertThat(probe.payerBalance(payer)).isEqualTo(900_000);
            assertThat(probe.merchantBalance(a.mchid())).isEqualTo(99_400);
            assertThat(probe.feeIncome()).isEqualTo(600);
            assertThat(r.order.transactionId).hasSize(28).startsWith("420020240601");
        }

        @Test
        void aboveTheLimitWaitsForThePassword() {
            String code = h.authCode(payer);
            long at = c.now();
            MatchResult r = h.apply(c.codepay(a.mchid(), a.appid(), "code-0001", 100_001, code));
            assertThat(r.code).isEqualTo(ResultCode.OK);
            assertThat(r.order.state).isEqualTo(TradeState.USERPAYING);
            assertThat(r.order.deadlineMillis).isEqualTo(at + Commands.USERPAYING_TIMEOUT_MILLIS);
            assertThat(r.order.transactionId).isNull();
            assertThat(probe.payerBalance(payer)).isEqualTo(1_000_000);
            assertThat(probe.state().authCodes.get(code).used).as("the code is spent").isTrue();
        }

        @Test
        void unknownAuthCode() {
            MatchResult r = h.apply(c.codepay(a.mchid(), a.appid(), "code-0001", 100, "134567890123456789"));
            assertThat(r.code).isEqualTo(ResultCode.AUTH_CODE_INVALID);
            assertThat(h.matcher.orderCount()).isZero();
        }

        @Test
        void reusedAuthCode() {
            String code = h.authCode(payer);
            h.apply(c.codepay(a.mchid(), a.appid(), "code-0001", 100, code));
            MatchResult r = h.apply(c.codepay(a.mchid(), a.appid(), "code-0002", 100, code));
            assertThat(r.code).isEqualTo(ResultCode.AUTH_CODE_INVALID);
            assertThat(probe.payerBalance(payer)).isEqualTo(999_900);
            assertThat(h.matcher.orderCount()).isEqualTo(1);
        }

        @Test
        void expiredAuthCode() {
            String code = h.authCode(payer);
            c.advance(Commands.AUTH_CODE_VALIDITY_MILLIS);
            MatchResult r = h.apply(c.codepay(a.mchid(), a.appid(), "code-0001", 100, code));
            assertThat(r.code).isEqualTo(ResultCode.AUTH_CODE_EXPIRED);
            assertThat(probe.payerBalance(payer)).isEqualTo(1_000_000);
            // once a tick dropped it the code is simply unknown
            h.tick();
            assertThat(h.apply(c.codepay(a.mchid(), a.appid(), "code-0001", 100, code)).code)
                    .isEqualTo(ResultCode.AUTH_CODE_INVALID);
        }

        @Test
        void payerNotEnoughWithinTheLimitConsumesNothing() {
            String poor = h.payer(99);
            String code = h.authCode(poor);
            String before = probe.fingerprintExceptClock();
            MatchResult r = h.apply(c.codepay(a.mchid(), a.appid(), "code-0001", 100, code));
            assertThat(r.code).isEqualTo(ResultCode.PAYER_NOT_ENOUGH);
            assertThat(probe.fingerprintExceptClock()).isEqualTo(before);
            assertThat(probe.state().authCodes.get(code).used).isFalse();
            // the same code still pays a smaller amount, and the out_trade_no is still free
            assertThat(h.apply(c.codepay(a.mchid(), a.appid(), "code-0001", 99, code)).code).isEqualTo(ResultCode.OK);
            assertThat(probe.payerBalance(poor)).isZero();
        }

        @Test
        void aboveTheLimitDoesNotLookAtTheBalance() {
            String poor = h.payer(0);
            MatchResult r = h.apply(c.codepay(a.mchid(), a.appid(), "code-0001", 150_000, h.authCode(poor)));
            assertThat(r.code).isEqualTo(ResultCode.OK);
            assertThat(r.order.state).isEqualTo(TradeState.USERPAYING);
        }

        @Test
        void retryWithTheSameCodeIsIdempotent() {
            String code = h.authCode(payer);
            MatchResult first = h.apply(c.codepay(a.mchid(), a.appid(), "code-0001", 500, code));
            c.advance(3_000);
            MatchResult retry = h.apply(c.codepay(a.mchid(), a.appid(), "code-0001", 500, code));
            assertThat(retry.code).isEqualTo(ResultCode.OK_REPEATED);
            assertThat(retry.order.transactionId).isEqualTo(first.order.transactionId);
            assertThat(retry.order.state).isEqualTo(TradeState.SUCCESS);
            assertThat(probe.payerBalance(payer)).as("charged once").isEqualTo(999_500);
            // a USERPAYING one repeats as USERPAYING, and after the password as SUCCESS
            String code2 = h.authCode(payer);
            h.apply(c.codepay(a.mchid(), a.appid(), "code-0002", 200_000, code2));
            assertThat(h.apply(c.codepay(a.mchid(), a.appid(), "code-0002", 200_000, code2)).order.state)
                    .isEqualTo(TradeState.USERPAYING);
            h.apply(c.confirm(payer, a.mchid(), "code-0002"));
            MatchResult after = h.apply(c.codepay(a.mchid(), a.appid(), "code-0002", 200_000, code2));
            assertThat(after.code).isEqualTo(ResultCode.OK_REPEATED);
            assertThat(after.order.state).isEqualTo(TradeState.SUCCESS);
        }

        @Test
        void outTradeNoUsed() {
            String code = h.authCode(payer);
            h.apply(c.codepay(a.mchid(), a.appid(), "code-0001", 500, code));
            assertThat(h.apply(c.codepay(a.mchid(), a.appid(), "code-0001", 501, code)).code)
                    .as("other amount").isEqualTo(ResultCode.OUT_TRADE_NO_USED);
            assertThat(h.apply(c.codepay(a.mchid(), a.appid(), "code-0001", 500, h.authCode(payer))).code)
                    .as("other code").isEqualTo(ResultCode.OUT_TRADE_NO_USED);
            h.nativeOrder(a, "order-0001", 500);
            assertThat(h.apply(c.codepay(a.mchid(), a.appid(), "order-0001", 500, h.authCode(payer))).code)
                    .as("a Native order's out_trade_no").isEqualTo(ResultCode.OUT_TRADE_NO_USED);
            assertThat(probe.payerBalance(payer)).isEqualTo(999_500);
        }

        @Test
        void merchantChecks() {
            String code = h.authCode(payer);
            assertThat(h.apply(c.codepay("1999999999", a.appid(), "code-0001", 5, code)).code)
                    .isEqualTo(ResultCode.MCH_NOT_EXISTS);
            assertThat(h.apply(c.codepay(a.mchid(), "wx9999999999999999", "code-0001", 5, code)).code)
                    .isEqualTo(ResultCode.APPID_MCHID_NOT_MATCH);
            assertThat(probe.state().authCodes.get(code).used).isFalse();
        }
    }

    // ------------------------------------------------------------------ confirm (password entered)

    @Nested
    class Confirm {
        Mch a = h.merchant(MCH_A);
        String payer = h.payer(1_000_000);

        MatchResult userpaying(String outTradeNo, long amount, String who) {
            MatchResult r = h.apply(c.codepay(a.mchid(), a.appid(), outTradeNo, amount, h.authCode(who)));
            assertThat(r.order.state).isEqualTo(TradeState.USERPAYING);
            return r;
        }

        @Test
        void ok() {
            userpaying("code-0001", 150_000, payer);
            c.advance(10_000);
            MatchResult r = h.apply(c.confirm(payer, a.mchid(), "code-0001"));
            assertThat(r.code).isEqualTo(ResultCode.OK);
            assertThat(r.order.state).isEqualTo(TradeState.SUCCESS);
            assertThat(r.order.successTimeMillis).isEqualTo(c.now());
            // 150000 at 6000 ppm: fee 900
            assertThat(probe.payerBalance(payer)).isEqualTo(850_000);
            assertThat(probe.merchantBalance(a.mchid())).isEqualTo(149_100);
            assertThat(probe.feeIncome()).isEqualTo(900);
            assertThat(h.apply(c.confirm(payer, a.mchid(), "code-0001")).code).isEqualTo(ResultCode.ALREADY_PAID);
        }

        @Test
        void anotherPayer() {
            userpaying("code-0001", 150_000, payer);
            String other = h.payer(1_000_000);
            MatchResult r = h.apply(c.confirm(other, a.mchid(), "code-0001"));
            assertThat(r.code).isEqualTo(ResultCode.BUYER_MISMATCH);
            assertThat(r.order.state).isEqualTo(TradeState.USERPAYING);
            assertThat(probe.payerBalance(other)).isEqualTo(1_000_000);
        }

        @Test
        void notWaitingForAPassword() {
            h.nativeOrder(a, "order-0001", 100);
            assertThat(h.apply(c.confirm(payer, a.mchid(), "order-0001")).code)
                    .isEqualTo(ResultCode.ORDER_NOT_USERPAYING);
            h.apply(c.close(a.mchid(), "order-0001"));
            assertThat(h.apply(c.confirm(payer, a.mchid(), "order-0001")).code)
                    .isEqualTo(ResultCode.ORDER_NOT_USERPAYING);
            assertThat(h.apply(c.confirm(payer, a.mchid(), "nope-0001")).code).isEqualTo(ResultCode.ORDER_NOT_EXIST);
            assertThat(h.apply(c.confirm("oNOBODY", a.mchid(), "order-0001")).code)
                    .isEqualTo(ResultCode.PAYER_NOT_EXIST);
            assertThat(h.apply(c.confirm(payer, "1999999999", "order-0001")).code).isEqualTo(ResultCode.MCH_NOT_EXISTS);
        }

        @Test
        void revokedAfterTheDeadline() {
            MatchResult r = userpaying("code-0001", 150_000, payer);
            c.clock(r.order.deadlineMillis - 1);
            userpaying("code-0002", 150_000, payer);
            // at the deadline, before any tick: refused as revoked, still USERPAYING inside
            c.clock(r.order.deadlineMillis);
            MatchResult late = h.apply(c.confirm(payer, a.mchid(), "code-0001"));
            assertThat(late.code).isEqualTo(ResultCode.ORDER_REVOKED);
            assertThat(late.order.state).isEqualTo(TradeState.USERPAYING);
            h.tick();
            assertThat(h.apply(c.confirm(payer, a.mchid(), "code-0001")).code).isEqualTo(ResultCode.ORDER_REVOKED);
            assertThat(probe.payerBalance(payer)).isEqualTo(1_000_000);
            // the second one, issued later, is still waiting
            assertThat(h.apply(c.confirm(payer, a.mchid(), "code-0002")).code).isEqualTo(ResultCode.OK);
        }

        @Test
        void payerNotEnough() {
            String poor = h.payer(149_999);
            userpaying("code-0001", 150_000, poor);
            MatchResult r = h.apply(c.confirm(poor, a.mchid(), "code-0001"));
            assertThat(r.code).isEqualTo(ResultCode.PAYER_NOT_ENOUGH);
            assertThat(r.order.state).isEqualTo(TradeState.USERPAYING);
            assertThat(probe.payerBalance(poor)).isEqualTo(149_999);
        }
    }

    // ------------------------------------------------------------------ reverse

    @Nested
    class Reverse {
        Mch a = h.merchant(MCH_A);
        String payer = h.payer(1_000_000);

        @Test
        void userpayingBecomesRevoked() {
            h.apply(c.codepay(a.mchid(), a.appid(), "code-0001", 150_000, h.authCode(payer)));
            String before = probe.state().ledger.digest() + "";
            MatchResult r = h.apply(c.reverse(a.mchid(), a.appid(), "code-0001"));
            assertThat(r.code).isEqualTo(ResultCode.OK);
            assertThat(r.order.state).isEqualTo(TradeState.REVOKED);
            assertThat(probe.state().ledger.digest() + "").as("no money moved").isEqualTo(before);
            assertThat(h.apply(c.confirm(payer, a.mchid(), "code-0001")).code).isEqualTo(ResultCode.ORDER_REVOKED);
        }

        @Test
        void successBecomesRevokedWithEverythingGivenBack() {
            // 1001 at 6000 ppm: fee 6.006 -> 6
            MatchResult paid = h.apply(c.codepay(a.mchid(), a.appid(), "code-0001", 1001, h.authCode(payer)));
            assertThat(probe.merchantBalance(a.mchid())).isEqualTo(995);
            assertThat(probe.feeIncome()).isEqualTo(6);
            MatchResult r = h.apply(c.reverse(a.mchid(), a.appid(), "code-0001"));
            assertThat(r.code).isEqualTo(ResultCode.OK);
            assertThat(r.order.state).isEqualTo(TradeState.REVOKED);
            assertThat(r.order.feeRefundedFen).isEqualTo(6);
            assertThat(r.order.transactionId).isEqualTo(paid.order.transactionId);
            assertThat(probe.payerBalance(payer)).isEqualTo(1_000_000);
            assertThat(probe.merchantBalance(a.mchid())).isZero();
            assertThat(probe.feeIncome()).isZero();
            assertThat(h.apply(c.refund(a.mchid(), "code-0001", "r1", 1, 1001)).code).isEqualTo(ResultCode.ORDER_NOT_PAID);
        }

        @Test
        void twiceRepeats() {
            h.apply(c.codepay(a.mchid(), a.appid(), "code-0001", 1001, h.authCode(payer)));
            h.apply(c.reverse(a.mchid(), a.appid(), "code-0001"));
            MatchResult r = h.apply(c.reverse(a.mchid(), a.appid(), "code-0001"));
            assertThat(r.code).isEqualTo(ResultCode.OK_REPEATED);
            assertThat(probe.payerBalance(payer)).isEqualTo(1_000_000);
        }

        @Test
        void onlyCodepayOrdersAreReversible() {
            h.paidOrder(a, "order-0001", 100, payer);
            MatchResult r = h.apply(c.reverse(a.mchid(), a.appid(), "order-0001"));
            assertThat(r.code).isEqualTo(ResultCode.ORDER_NOT_REVERSIBLE);
            assertThat(r.order.state).isEqualTo(TradeState.SUCCESS);
            h.nativeOrder(a, "order-0002", 100);
            assertThat(h.apply(c.reverse(a.mchid(), a.appid(), "order-0002")).code)
                    .isEqualTo(ResultCode.ORDER_NOT_REVERSIBLE);
        }

        @Test
        void refundedCodepayIsNotReversible() {
            h.apply(c.codepay(a.mchid(), a.appid(), "code-0001", 1001, h.authCode(payer)));
            h.apply(c.refund(a.mchid(), "code-0001", "r1", 1, 1001));
            MatchResult r = h.apply(c.reverse(a.mchid(), a.appid(), "code-0001"));
            assertThat(r.code).isEqualTo(ResultCode.ORDER_NOT_REVERSIBLE);
            assertThat(r.order.state).isEqualTo(TradeState.REFUND);
        }

        @Test
        void wrongAppidOrUnknownOrder() {
            h.apply(c.codepay(a.mchid(), a.appid(), "code-0001", 1001, h.authCode(payer)));
            assertThat(h.apply(c.reverse(a.mchid(), "wx9999999999999999", "code-0001")).code)
                    .isEqualTo(ResultCode.APPID_MCHID_NOT_MATCH);
            assertThat(h.apply(c.reverse(a.mchid(), a.appid(), "nope-0001")).code).isEqualTo(ResultCode.ORDER_NOT_EXIST);
        }

        /**
         * Through commands alone a merchant's balance always covers each of its orders' net (with a fee
         * rate of at most 100%), so the money is taken out behind the matcher's back here, the way a
         * future payout command would.
         */
        @Test
        void merchantNotEnough() {
            h.apply(c.codepay(a.mchid(), a.appid(), "code-0001", 1001, h.authCode(payer)));
            drainMerchant(a.mchid(), 1);
            String before = probe.fingerprintExceptClock();
            MatchResult r = h.apply(c.reverse(a.mchid(), a.appid(), "code-0001"));
            assertThat(r.code).isEqualTo(ResultCode.MERCHANT_NOT_ENOUGH);
            assertThat(r.order.state).isEqualTo(TradeState.SUCCESS);
            assertThat(probe.fingerprintExceptClock()).isEqualTo(before);
        }
    }

    /** Moves {@code fen} from the merchant to the funding source, as a payout would. */
    void drainMerchant(String mchid, long fen) {
        State s = probe.state();
        s.ledger.transfer(s.merchants.get(mchid).account, Ledger.FUNDING_ACCOUNT, fen, h.matcher.lastSequence());
        h.matcher.checkInvariants();
    }

    // ------------------------------------------------------------------ refunds

    @Nested
    class Refunds {
        Mch a = h.merchant(MCH_A);
        String payer = h.payer(1_000_000);

        @Test
        void processingThenSuccessOnTheNextTick() {
            h.paidOrder(a, "order-0001", 10_000, payer);
            // 10000 at 6000 ppm: fee 60; merchant 9940
            c.advance(1_000);
            MatchResult r = h.apply(c.refund(a.mchid(), "order-0001", "refund-1", 3_000, 10_000));
            assertThat(r.code).isEqualTo(ResultCode.OK);
            Refund ref = r.refund;
            assertThat(ref.status).isEqualTo(RefundStatus.PROCESSING);
            // fee back: 60 * 3000 / 10000 = 18
            assertThat(ref.feeRefundFen).isEqualTo(18);
            assertThat(ref.refundId).isEqualTo("5030" + "20240601" + Commands.pad(h.matcher.lastSequence(), 16));
            assertThat(ref.createdAtMillis).isEqualTo(c.now());
            assertThat(probe.merchantBalance(a.mchid())).isEqualTo(9_940 + 18 - 3_000);
            assertThat(probe.feeIncome()).isEqualTo(42);
            assertThat(probe.transit()).isEqualTo(3_000);
            assertThat(probe.payerBalance(payer)).as("not yet").isEqualTo(990_000);
            assertThat(h.matcher.nextDeadlineMillis()).as("a tick is due now").isZero();
            MatchResult order = h.apply(c.queryOrder(a.mchid(), "order-0001"));
            assertThat(order.order.state).isEqualTo(TradeState.REFUND);
            assertThat(order.order.refundedFen).isEqualTo(3_000);

            c.advance(1_000);
            h.tick();
            MatchResult q = h.apply(c.queryRefund(a.mchid(), "refund-1"));
            assertThat(q.code).isEqualTo(ResultCode.OK);
            assertThat(q.refund.status).isEqualTo(RefundStatus.SUCCESS);
            assertThat(q.refund.successTimeMillis).isEqualTo(c.now());
            assertThat(probe.payerBalance(payer)).isEqualTo(993_000);
            assertThat(probe.transit()).isZero();
        }

        @Test
        void feeIsRefundedInProportionAndWhollyAtTheFullRefund() {
            h.paidOrder(a, "order-0001", 1001, payer);
            // 1001 at 6000 ppm: 6.006 -> fee 6, merchant 995
            assertThat(probe.merchantBalance(a.mchid())).isEqualTo(995);
            // after 333: 6*333/1001 = 1.996 -> 2 back; merchant 995 + 2 - 333 = 664
            MatchResult r1 = h.apply(c.refund(a.mchid(), "order-0001", "refund-1", 333, 1001));
            assertThat(r1.refund.feeRefundFen).isEqualTo(2);
            assertThat(probe.merchantBalance(a.mchid())).isEqualTo(664);
            assertThat(probe.feeIncome()).isEqualTo(4);
            // after 666: 6*666/1001 = 3.992 -> 4, so 2 more; merchant 664 + 2 - 333 = 333
            MatchResult r2 = h.apply(c.refund(a.mchid(), "order-0001", "refund-2", 333, 1001));
            assertThat(r2.refund.feeRefundFen).isEqualTo(2);
            assertThat(probe.merchantBalance(a.mchid())).isEqualTo(333);
            // full: the whole fee 6, so 2 more; merchant 333 + 2 - 335 = 0
            MatchResult r3 = h.apply(c.refund(a.mchid(), "order-0001", "refund-3", 335, 1001));
            assertThat(r3.refund.feeRefundFen).isEqualTo(2);
            assertThat(probe.merchantBalance(a.mchid())).isZero();
            assertThat(probe.feeIncome()).isZero();
            Order o = probe.order(a.mchid(), "order-0001");
            assertThat(o.refundedFen).isEqualTo(1001);
            assertThat(o.feeRefundedFen).isEqualTo(6);
            assertThat(o.refundCount).isEqualTo(3);
            h.tick();
            assertThat(probe.payerBalance(payer)).isEqualTo(1_000_000);
        }

        @Test
        void feeRoundsHalfUpOnEachStep() {
            // 250 at 6000 ppm: 1.5 -> fee 2; merchant 248
            h.paidOrder(a, "order-0001", 250, payer);
            assertThat(probe.feeIncome()).isEqualTo(2);
            // after 62: 2*62/250 = 0.496 -> 0 back
            assertThat(h.apply(c.refund(a.mchid(), "order-0001", "r1", 62, 250)).refund.feeRefundFen).isZero();
            // after 125: 2*125/250 = 1.0 -> 1 back
            assertThat(h.apply(c.refund(a.mchid(), "order-0001", "r2", 63, 250)).refund.feeRefundFen).isEqualTo(1);
            // after 188: 2*188/250 = 1.504 -> 2, so 1 more
            assertThat(h.apply(c.refund(a.mchid(), "order-0001", "r3", 63, 250)).refund.feeRefundFen).isEqualTo(1);
            // the rest: nothing left to give back
            assertThat(h.apply(c.refund(a.mchid(), "order-0001", "r4", 62, 250)).refund.feeRefundFen).isZero();
            assertThat(probe.merchantBalance(a.mchid())).isZero();
            assertThat(probe.feeIncome()).isZero();
        }

        @Test
        void byTransactionId() {
            Order paid = h.paidOrder(a, "order-0001", 100, payer);
            MatchResult r = h.apply(c.refundByTransactionId(a.mchid(), paid.transactionId, "refund-1", 100, 100));
            assertThat(r.code).isEqualTo(ResultCode.OK);
            assertThat(r.refund.outTradeNo).isEqualTo("order-0001");
            assertThat(r.refund.transactionId).isEqualTo(paid.transactionId);
        }

        @Test
        void outRefundNoIsIdempotent() {
            Order paid = h.paidOrder(a, "order-0001", 10_000, payer);
            MatchResult first = h.apply(c.refund(a.mchid(), "order-0001", "refund-1", 3_000, 10_000));
            long merchant = probe.merchantBalance(a.mchid());
            c.advance(1_000);
            MatchResult again = h.apply(c.refund(a.mchid(), "order-0001", "refund-1", 3_000, 10_000));
            assertThat(again.code).isEqualTo(ResultCode.OK_REPEATED);
            assertThat(again.refund.refundId).isEqualTo(first.refund.refundId);
            MatchResult byTx = h.apply(c.refundByTransactionId(a.mchid(), paid.transactionId, "refund-1", 3_000, 10_000));
            assertThat(byTx.code).as("the same order named by transaction_id").isEqualTo(ResultCode.OK_REPEATED);
            assertThat(probe.merchantBalance(a.mchid())).as("refunded once").isEqualTo(merchant);
            h.tick();
            MatchResult settled = h.apply(c.refund(a.mchid(), "order-0001", "refund-1", 3_000, 10_000));
            assertThat(settled.code).isEqualTo(ResultCode.OK_REPEATED);
            assertThat(settled.refund.status).isEqualTo(RefundStatus.SUCCESS);
            assertThat(probe.order(a.mchid(), "order-0001").refundCount).isEqualTo(1);
        }

        @Test
        void outRefundNoUsedWithOtherTerms() {
            h.paidOrder(a, "order-0001", 10_000, payer);
            h.paidOrder(a, "order-0002", 10_000, payer);
            h.apply(c.refund(a.mchid(), "order-0001", "refund-1", 3_000, 10_000));
            String before = probe.fingerprintExceptClock();
            assertThat(h.apply(c.refund(a.mchid(), "order-0001", "refund-1", 3_001, 10_000)).code)
                    .as("other amount").isEqualTo(ResultCode.OUT_REFUND_NO_USED);
            assertThat(h.apply(c.refund(a.mchid(), "order-0002", "refund-1", 3_000, 10_000)).code)
                    .as("other order").isEqualTo(ResultCode.OUT_REFUND_NO_USED);
            assertThat(h.apply(c.refund(a.mchid(), "order-0001", "refund-1", 3_000, 10_001)).code)
                    .as("other stated total").isEqualTo(ResultCode.OUT_REFUND_NO_USED);
            assertThat(probe.fingerprintExceptClock()).isEqualTo(before);
        }

        @Test
        void exceedsPaid() {
            h.paidOrder(a, "order-0001", 10_000, payer);
            h.apply(c.refund(a.mchid(), "order-0001", "refund-1", 6_000, 10_000));
            String before = probe.fingerprintExceptClock();
            assertThat(h.apply(c.refund(a.mchid(), "order-0001", "refund-2", 4_001, 10_000)).code)
                    .isEqualTo(ResultCode.REFUND_EXCEEDS_PAID);
            assertThat(probe.fingerprintExceptClock()).isEqualTo(before);
            assertThat(h.apply(c.refund(a.mchid(), "order-0001", "refund-2", 4_000, 10_000)).code)
                    .isEqualTo(ResultCode.OK);
            assertThat(h.apply(c.refund(a.mchid(), "order-0001", "refund-3", 1, 10_000)).code)
                    .isEqualTo(ResultCode.REFUND_EXCEEDS_PAID);
        }

        @Test
        void totalMismatch() {
            h.paidOrder(a, "order-0001", 10_000, payer);
            assertThat(h.apply(c.refund(a.mchid(), "order-0001", "refund-1", 1, 9_999)).code)
                    .isEqualTo(ResultCode.REFUND_TOTAL_MISMATCH);
            assertThat(h.matcher.refundCount()).isZero();
        }

        @Test
        void orderNotPaid() {
            h.nativeOrder(a, "order-0001", 100);
            assertThat(h.apply(c.refund(a.mchid(), "order-0001", "r1", 1, 100)).code).isEqualTo(ResultCode.ORDER_NOT_PAID);
            h.apply(c.close(a.mchid(), "order-0001"));
            assertThat(h.apply(c.refund(a.mchid(), "order-0001", "r1", 1, 100)).code).isEqualTo(ResultCode.ORDER_NOT_PAID);
            h.apply(c.codepay(a.mchid(), a.appid(), "code-0001", 150_000, h.authCode(payer)));
            assertThat(h.apply(c.refund(a.mchid(), "code-0001", "r1", 1, 150_000)).code)
                    .as("USERPAYING").isEqualTo(ResultCode.ORDER_NOT_PAID);
            assertThat(h.apply(c.refund(a.mchid(), "nope-0001", "r1", 1, 100)).code).isEqualTo(ResultCode.ORDER_NOT_EXIST);
            assertThat(h.apply(c.refund("1999999999", "order-0001", "r1", 1, 100)).code)
                    .isEqualTo(ResultCode.MCH_NOT_EXISTS);
        }

        @Test
        void anotherMerchantsOrderDoesNotExist() {
            Mch b = h.merchant(MCH_B);
            Order paid = h.paidOrder(a, "order-0001", 100, payer);
            assertThat(h.apply(c.refund(b.mchid(), "order-0001", "r1", 1, 100)).code).isEqualTo(ResultCode.ORDER_NOT_EXIST);
            assertThat(h.apply(c.refundByTransactionId(b.mchid(), paid.transactionId, "r1", 1, 100)).code)
                    .isEqualTo(ResultCode.ORDER_NOT_EXIST);
        }

        @Test
        void fiftyRefundsPerOrderThenRefundLimit() {
            h.paidOrder(a, "order-0001", 100, payer);
            for (int i = 1; i <= Matcher.REFUNDS_PER_ORDER_MAX; i++) {
                assertThat(h.apply(c.refund(a.mchid(), "order-0001", "r" + i, 1, 100)).code).as("refund %d", i)
                        .isEqualTo(ResultCode.OK);
            }
            MatchResult r = h.apply(c.refund(a.mchid(), "order-0001", "r51", 1, 100));
            assertThat(r.code).isEqualTo(ResultCode.REFUND_LIMIT);
            assertThat(probe.order(a.mchid(), "order-0001").refundCount).isEqualTo(50);
            assertThat(probe.order(a.mchid(), "order-0001").refundedFen).isEqualTo(50);
            // the limit counts refunds, not money, and settling them does not reset it
            h.tick();
            assertThat(h.apply(c.refund(a.mchid(), "order-0001", "r52", 1, 100)).code).isEqualTo(ResultCode.REFUND_LIMIT);
        }

        /** As with reverse, only a payout behind the matcher's back can make this happen today. */
        @Test
        void merchantNotEnough() {
            h.paidOrder(a, "order-0001", 10_000, payer);
            // a refund of 3000 needs 3000 - 18 (the fee given back) = 2982 from the merchant's 9940
            drainMerchant(a.mchid(), 9_940 - 2_982);
            assertThat(probe.merchantBalance(a.mchid())).isEqualTo(2_982);
            drainMerchant(a.mchid(), 1);
            String before = probe.fingerprintExceptClock();
            assertThat(h.apply(c.refund(a.mchid(), "order-0001", "refund-1", 3_000, 10_000)).code)
                    .isEqualTo(ResultCode.MERCHANT_NOT_ENOUGH);
            assertThat(probe.fingerprintExceptClock()).isEqualTo(before);
            assertThat(h.apply(c.refund(a.mchid(), "order-0001", "refund-1", 2_999, 10_000)).code)
                    .as("the fee given back counts").isEqualTo(ResultCode.OK);
        }

        @Test
        void queryUnknownRefund() {
            Mch b = h.merchant(MCH_B);
            h.paidOrder(a, "order-0001", 100, payer);
            h.apply(c.refund(a.mchid(), "order-0001", "refund-1", 1, 100));
            assertThat(h.apply(c.queryRefund(a.mchid(), "refund-2")).code).isEqualTo(ResultCode.REFUND_NOT_EXIST);
            assertThat(h.apply(c.queryRefund(b.mchid(), "refund-1")).code).as("another merchant's")
                    .isEqualTo(ResultCode.REFUND_NOT_EXIST);
            assertThat(h.apply(c.queryRefund("1999999999", "refund-1")).code).isEqualTo(ResultCode.MCH_NOT_EXISTS);
        }
    }

    // ------------------------------------------------------------------ ticks and the clock

    @Nested
    class Ticks {
        Mch a = h.merchant(MCH_A);
        String payer = h.payer(1_000_000);

        @Test
        void lapsedNotpayOrderIsClosedAtItsDeadline() {
            long deadline = c.now() + 600_000;
            h.apply(c.nativeOrder(a.mchid(), a.appid(), "order-0001", 100).timeExpire(deadline));
            c.clock(deadline - 1);
            h.tick();
            assertThat(probe.order(a.mchid(), "order-0001").state).as("not yet").isEqualTo(TradeState.NOTPAY);
            c.clock(deadline + 300_000);
            h.tick();
            Order o = probe.order(a.mchid(), "order-0001");
            assertThat(o.state).isEqualTo(TradeState.CLOSED);
            assertThat(o.closedAtMillis).isEqualTo(deadline);
        }

        @Test
        void lapsedUserpayingOrderIsRevoked() {
            MatchResult r = h.apply(c.codepay(a.mchid(), a.appid(), "code-0001", 150_000, h.authCode(payer)));
            c.clock(r.order.deadlineMillis);
            h.tick();
            assertThat(probe.order(a.mchid(), "code-0001").state).isEqualTo(TradeState.REVOKED);
            assertThat(probe.payerBalance(payer)).isEqualTo(1_000_000);
        }

        @Test
        void paidOrdersAreLeftAlone() {
            h.paidOrder(a, "order-0001", 100, payer);
            MatchResult confirmed = h.apply(c.codepay(a.mchid(), a.appid(), "code-0001", 150_000, h.authCode(payer)));
            h.apply(c.confirm(payer, a.mchid(), "code-0001"));
            c.clock(confirmed.order.deadlineMillis + Commands.PREPAY_VALIDITY_MILLIS);
            h.tick();
            assertThat(probe.order(a.mchid(), "order-0001").state).isEqualTo(TradeState.SUCCESS);
            assertThat(probe.order(a.mchid(), "code-0001").state).isEqualTo(TradeState.SUCCESS);
        }

        @Test
        void lapsedAuthCodesAreDropped() {
            String code = h.authCode(payer);
            c.advance(Commands.AUTH_CODE_VALIDITY_MILLIS - 1);
            String later = h.authCode(payer);
            c.advance(1);
            h.tick();
            assertThat(probe.authCodeLive(code)).isFalse();
            assertThat(probe.authCodeLive(later)).isTrue();
            assertThat(probe.state().authCodeExpiries).hasSize(1);
        }

        @Test
        void aTickWithNothingDueChangesNothingButTheClock() {
            h.nativeOrder(a, "order-0001", 100);
            h.authCode(payer);
            h.paidOrder(a, "order-0002", 100, payer);
            h.apply(c.refund(a.mchid(), "order-0002", "r1", 10, 100));
            h.tick(); // settles the refund
            String before = probe.fingerprintExceptClock();
            String hashBefore = h.matcher.stateHash();
            c.advance(30_000);
            MatchResult r = h.tick();
            assertThat(r.code).isEqualTo(ResultCode.OK);
            assertThat(probe.fingerprintExceptClock()).isEqualTo(before);
            assertThat(probe.nowMillis()).isEqualTo(c.now());
            assertThat(h.matcher.stateHash()).as("clock and sequence are in the hash").isNotEqualTo(hashBefore);
        }

        @Test
        void nextDeadline() {
            Matcher m = h.matcher;
            assertThat(m.nextDeadlineMillis()).isEqualTo(Long.MAX_VALUE);
            long t0 = c.now();
            h.nativeOrder(a, "order-0001", 100);
            assertThat(m.nextDeadlineMillis()).isEqualTo(t0 + Commands.PREPAY_VALIDITY_MILLIS);
            String code = h.authCode(payer);
            assertThat(m.nextDeadlineMillis()).isEqualTo(t0 + Commands.AUTH_CODE_VALIDITY_MILLIS);
            h.apply(c.codepay(a.mchid(), a.appid(), "code-0001", 150_000, code));
            assertThat(m.nextDeadlineMillis()).isEqualTo(t0 + Commands.USERPAYING_TIMEOUT_MILLIS);
            h.paidOrder(a, "order-0002", 100, payer);
            h.apply(c.refund(a.mchid(), "order-0002", "r1", 10, 100));
            assertThat(m.nextDeadlineMillis()).as("a PROCESSING refund").isZero();
            h.tick();
            assertThat(m.nextDeadlineMillis()).isEqualTo(t0 + Commands.USERPAYING_TIMEOUT_MILLIS);
            c.clock(t0 + Commands.AUTH_CODE_VALIDITY_MILLIS);
            h.tick();
            // order-0002 was paid, but its lapse entry stays queued until its deadline (a harmless early tick)
            assertThat(m.nextDeadlineMillis()).isEqualTo(t0 + Commands.PREPAY_VALIDITY_MILLIS);
            c.clock(t0 + Commands.PREPAY_VALIDITY_MILLIS);
            h.tick();
            assertThat(m.nextDeadlineMillis()).isEqualTo(Long.MAX_VALUE);
            assertThat(probe.order(a.mchid(), "order-0001").state).isEqualTo(TradeState.CLOSED);
        }

        @Test
        void theClockNeverGoesBackwards() {
            long deadline = c.now() + 600_000;
            String token = h.nativeOrder(a, "order-0001", 100);
            h.apply(c.nativeOrder(a.mchid(), a.appid(), "order-0002", 100).timeExpire(deadline));
            // one event loop stamps a command after the deadline...
            h.apply(c.clock(deadline + 1).createPayer(5));
            assertThat(probe.nowMillis()).isEqualTo(deadline + 1);
            // ...and another one, slower, a command from before it: time does not go back
            MatchResult pay = h.apply(c.clock(deadline - 60_000).pay(payer, probe.order(a.mchid(), "order-0002").token));
            assertThat(pay.code).isEqualTo(ResultCode.ORDER_CLOSED);
            assertThat(probe.nowMillis()).isEqualTo(deadline + 1);
            h.apply(c.clock(deadline - 120_000).tick());
            assertThat(probe.nowMillis()).isEqualTo(deadline + 1);
            Order o = probe.order(a.mchid(), "order-0002");
            assertThat(o.state).isEqualTo(TradeState.CLOSED);
            assertThat(o.closedAtMillis).isEqualTo(deadline);
            assertThat(probe.order(a.mchid(), "order-0001").state).isEqualTo(TradeState.NOTPAY);
            assertThat(h.apply(c.pay(payer, token)).code).isEqualTo(ResultCode.OK);
        }

        @Test
        void queriesDoNotMoveTheClock() {
            long before = probe.nowMillis();
            h.apply(c.advance(3_600_000).queryPayer(payer));
            h.apply(c.ledgerSummary());
            assertThat(probe.nowMillis()).isEqualTo(before);
        }
    }

    // ------------------------------------------------------------------ ledger summary, sequence, money

    @Test
    void ledgerSummary() {
        Mch a = h.merchant(MCH_A);
        String payer = h.payer(50_000);
        h.payer(0);
        h.paidOrder(a, "order-0001", 10_000, payer);
        long seq = h.matcher.lastSequence();
        MatchResult r = h.apply(c.ledgerSummary());
        assertThat(r.code).isEqualTo(ResultCode.OK);
        // funding, fee income, transit, one merchant, two payers
        assertThat(r.accounts).isEqualTo(6);
        assertThat(r.balanceSum).isZero();
        assertThat(r.negativeAccounts).isZero();
        assertThat(r.stateHash).hasSize(64).isEqualTo(h.matcher.stateHash());
        assertThat(h.matcher.lastSequence()).isEqualTo(seq);
        assertThat(probe.funding()).as("the funding source alone may be negative").isEqualTo(-50_000);
    }

    @Test
    void aSequenceGapIsAnInvariantViolationAndChangesNothing() {
        h.merchant(MCH_A);
        String hash = h.matcher.stateHash();
        Command gap = c.createPayer(5).build();
        gap.sequence = h.matcher.lastSequence() + 2;
        assertThatThrownBy(() -> h.matcher.apply(gap, new MatchResult()))
                .isInstanceOf(Invariants.InvariantViolation.class).hasMessageContaining("journal sequence gap");
        Command again = c.createPayer(5).build();
        again.sequence = h.matcher.lastSequence();
        assertThatThrownBy(() -> h.matcher.apply(again, new MatchResult()))
                .isInstanceOf(Invariants.InvariantViolation.class);
        assertThat(h.matcher.stateHash()).isEqualTo(hash);
        // a query's sequence is not looked at
        Command query = c.ledgerSummary().build();
        query.sequence = 12345;
        MatchResult q = new MatchResult();
        h.matcher.apply(query, q);
        assertThat(q.code).isEqualTo(ResultCode.OK);
    }

    @Test
    void feeRoundsHalfUp() {
        assertThat(Money.fee(1, 6000)).as("0.006").isZero();
        assertThat(Money.fee(83, 6000)).as("0.498").isZero();
        assertThat(Money.fee(84, 6000)).as("0.504").isEqualTo(1);
        assertThat(Money.fee(250, 6000)).as("1.5").isEqualTo(2);
        assertThat(Money.fee(1001, 6000)).as("6.006").isEqualTo(6);
        assertThat(Money.fee(Integer.MAX_VALUE, 6000)).as("12884901.882").isEqualTo(12_884_902);
        assertThat(Money.fee(12345, 0)).isZero();
        assertThat(Money.fee(12345, 1_000_000)).isEqualTo(12345);
    }

    @Test
    void feeRefundedAfterIsProportionalAndWholeAtTheEnd() {
        assertThat(Money.feeRefundedAfter(6, 333, 1001)).isEqualTo(2);
        assertThat(Money.feeRefundedAfter(6, 666, 1001)).isEqualTo(4);
        assertThat(Money.feeRefundedAfter(6, 1001, 1001)).isEqualTo(6);
        assertThat(Money.feeRefundedAfter(2, 125, 250)).as("exactly half").isEqualTo(1);
        assertThat(Money.feeRefundedAfter(1, 125, 250)).as("0.5 rounds up").isEqualTo(1);
        assertThat(Money.feeRefundedAfter(1, 124, 250)).as("0.496").isZero();
        assertThat(Money.feeRefundedAfter(0, 10, 250)).isZero();
    }

    @Test
    void idIs28DigitsWithTheDateInChinaStandardTime() {
        long lastMsOfJune1Cst = 1_717_257_599_999L; // 2024-06-01T15:59:59.999Z = 23:59:59.999 +08:00
        assertThat(Money.id("4200", lastMsOfJune1Cst, 7)).isEqualTo("4200202406010000000000000007");
        assertThat(Money.id("4200", lastMsOfJune1Cst + 1, 7)).isEqualTo("4200202406020000000000000007");
        assertThat(Money.id("5030", Commands.START_MILLIS, 1234567890123456L))
                .isEqualTo("5030202406011234567890123456").hasSize(28).containsOnlyDigits();
        // 1969-12-31T16:00:00Z is already 1970-01-01 in Beijing
        assertThat(Money.id("4200", -8 * 3_600_000L, 1)).isEqualTo("4200197001010000000000000001");
        assertThat(Money.id("4200", -8 * 3_600_000L - 1, 1)).isEqualTo("4200196912310000000000000001");
    }
}
