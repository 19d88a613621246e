package io.paygate.gateway.respond;

import io.paygate.codec.command.Command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.paygate.codec.Json;
import io.paygate.codec.command.TradeType;
import io.paygate.codec.v3.PrepayResponses;
import io.paygate.codec.v3.Transaction;
import io.paygate.gateway.matcher.MatchResult;
import io.paygate.gateway.matcher.Order;
import io.paygate.gateway.matcher.ResultCode;
import io.paygate.gateway.matcher.TradeState;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RepliesTest {

    static Order unpaid() {
        Order o = new Order();
        o.mchid = "1900000109";
        o.appid = "wxd678efh567hg6787";
        o.outTradeNo = "1217752501201407033233368018";
        o.tradeType = TradeType.NATIVE;
        o.description = "Image形象店-深圳腾大-QQ公仔";
        o.attach = "自定义数据";
        o.totalFen = 100;
        o.token = "tok123";
        o.state = TradeState.NOTPAY;
        return o;
    }

    static Order paid() {
        Order o = unpaid();
        o.state = TradeState.SUCCESS;
        o.transactionId = "4200000000000000000000000001";
        o.payerOpenid = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o";
        o.payerTotalFen = 90;
        o.successTimeMillis = OffsetDateTime.parse("2026-01-01T10:34:56+08:00").toInstant().toEpochMilli();
        return o;
    }

    static JsonNode json(Object model) {
        byte[] b = Json.write(model);
        return Json.readTree(b, 0, b.length);
    }

    static MatchResult result(ResultCode code, Order order) {
        MatchResult r = new MatchResult();
        r.code = code;
        if (order != null) {
            r.order.copyFrom(order);
            r.hasOrder = true;
        }
        return r;
    }

    @Test
    void unpaidOrderTransactionHasTermsButNoPaymentFields() {
        JsonNode t = json(Replies.transaction(unpaid()));
        assertThat(t.path("appid").asText()).isEqualTo("wxd678efh567hg6787");
        assertThat(t.path("mchid").asText()).isEqualTo("1900000109");
        assertThat(t.path("out_trade_no").asText()).isEqualTo("1217752501201407033233368018");
        assertThat(t.path("trade_type").asText()).isEqualTo("NATIVE");
        assertThat(t.path("trade_state").asText()).isEqualTo("NOTPAY");
        assertThat(t.path("trade_state_desc").asText()).isEqualTo("订单未支付");
        assertThat(t.path("attach").asText()).isEqualTo("自定义数据");
        assertThat(t.path("amount").path("total").asLong()).isEqualTo(100);
        assertThat(t.path("amount").path("currency").asText()).isEqualTo("CNY");
        assertThat(t.has("transaction_id")).isFalse();
        assertThat(t.has("bank_type")).isFalse();
        assertThat(t.has("success_time")).isFalse();
        assertThat(t.has("payer")).isFalse();
        assertThat(t.path("amount").has("payer_total")).isFalse();
        assertThat(t.has("scene_info")).isFalse();
    }

    @Test
    void paidOrderTransactionCarriesThePayment() {
        JsonNode t = json(Replies.transaction(paid()));
        assertThat(t.path("trade_state").asText()).isEqualTo("SUCCESS");
        assertThat(t.path("trade_state_desc").asText()).isEqualTo("支付成功");
        assertThat(t.path("transaction_id").asText()).isEqualTo("4200000000000000000000000001");
        assertThat(t.path("bank_type").asText()).isEqualTo("OTHERS");
        assertThat(t.path("success_time").asText()).isEqualTo("2026-01-01T10:34:56+08:00");
        assertThat(t.path("payer").path("openid").asText()).isEqualTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        assertThat(t.path("amount").path("total").asLong()).isEqualTo(100);
        assertThat(t.path("amount").path("payer_total").asLong()).isEqualTo(90);
        assertThat(t.path("amount").path("currency").asText()).isEqualTo("CNY");
        assertThat(t.path("amount").path("payer_currency").asText()).isEqualTo("CNY");
    }

    @Test
    void successTimeIsWrittenInChinaStandardTime() {
        Order o = paid();
        o.successTimeMillis = OffsetDateTime.parse("2026-01-01T00:00:00Z").toInstant().toEpochMilli();
        assertThat(Replies.transaction(o).successTime).isEqualTo("2026-01-01T08:00:00+08:00");
    }

    @Test
    void absentAttachIsLeftOut() {
        Order o = unpaid();
        o.attach = null;
        assertThat(json(Replies.transaction(o)).has("attach")).isFalse();
    }

    @Test
    void deviceIdBecomesSceneInfo() {
        Order o = unpaid();
        o.deviceId = "013467007045764";
        assertThat(json(Replies.transaction(o)).path("scene_info").path("device_id").asText()).isEqualTo("013467007045764");
    }

    @Test
    void h5OrderReportsTradeTypeMweb() {
        Order o = unpaid();
        o.tradeType = TradeType.MWEB;
        assertThat(Replies.transaction(o).tradeType).isEqualTo("MWEB");
    }

    @ParameterizedTest
    @EnumSource(TradeState.class)
    void everyStateHasADescription(TradeState state) {
        assertThat(Replies.stateDescription(state, TradeType.NATIVE)).isNotBlank();
    }

    @Test
    void revokedCodepayIsDescribedAsSuch() {
        assertThat(Replies.stateDescription(TradeState.REVOKED, TradeType.MICROPAY)).contains("付款码");
        assertThat(Replies.stateDescription(TradeState.REVOKED, TradeType.NATIVE)).doesNotContain("付款码");
    }

    @Test
    void nativePrepayAnswersACodeUrl() {
        Reply r = Replies.of(Replies.Shape.PREPAY, new Command(), result(ResultCode.OK, unpaid()));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.isError()).isFalse();
        assertThat(r.body()).isEqualTo(new PrepayResponses.CodeUrl("weixin://wxpay/bizpayurl?pr=tok123"));
    }

    @ParameterizedTest
    @EnumSource(value = TradeType.class, names = {"JSAPI", "APP"})
    void jsapiAndAppPrepayAnswerAPrepayId(TradeType type) {
        Order o = unpaid();
        o.tradeType = type;
        o.token = "wx201410272009395522657a690389285100";
        Reply r = Replies.of(Replies.Shape.PREPAY, new Command(), result(ResultCode.OK, o));
        assertThat(r.body()).isEqualTo(new PrepayResponses.PrepayId("wx201410272009395522657a690389285100"));
    }

    @Test
    void h5PrepayAnswersAnH5Url() {
        Order o = unpaid();
        o.tradeType = TradeType.MWEB;
        o.token = "wx2016121516420242444321ca0631331346";
        Reply r = Replies.of(Replies.Shape.PREPAY, new Command(), result(ResultCode.OK, o));
        assertThat(r.body()).isInstanceOf(PrepayResponses.H5Url.class);
        assertThat(((PrepayResponses.H5Url) r.body()).h5Url())
                .startsWith(Replies.H5_URL_PREFIX + "wx2016121516420242444321ca0631331346&package=");
    }

    @Test
    void codepayHasNoPrepayAnswer() {
        Order o = unpaid();
        o.tradeType = TradeType.MICROPAY;
        assertThatThrownBy(() -> Replies.of(Replies.Shape.PREPAY, new Command(), result(ResultCode.OK, o)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void repeatedPrepayAnswersLikeTheFirst() {
        Reply first = Replies.of(Replies.Shape.PREPAY, new Command(), result(ResultCode.OK, unpaid()));
        Reply again = Replies.of(Replies.Shape.PREPAY, new Command(), result(ResultCode.OK_REPEATED, unpaid()));
        assertThat(again).isEqualTo(first);
    }

    @Test
    void queryAnswersTheTransaction() {
        Reply r = Replies.of(Replies.Shape.TRANSACTION, new Command(), result(ResultCode.OK, paid()));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isInstanceOf(Transaction.class);
        assertThat(((Transaction) r.body()).transactionId).isEqualTo("4200000000000000000000000001");
    }

    @Test
    void closeAnswersNoContent() {
        Reply r = Replies.of(Replies.Shape.NO_CONTENT, new Command(), result(ResultCode.OK, unpaid()));
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isNull();
        assertThat(r.isError()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = ResultCode.class, mode = EnumSource.Mode.EXCLUDE, names = {"OK", "OK_REPEATED"})
    void failureAnswersTheCatalogError(ResultCode code) {
        for (Replies.Shape shape : Replies.Shape.values()) {
            Reply r = Replies.of(shape, new Command(), result(code, null));
            assertThat(r.isError()).isTrue();
            assertThat(r.error()).isEqualTo(ErrorCatalog.of(code));
            assertThat(r.status()).isEqualTo(ErrorCatalog.of(code).status());
        }
    }
}
