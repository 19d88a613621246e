package io.paygate.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.paygate.codec.v3.Certificates;
import io.paygate.codec.v3.ErrorBody;
import io.paygate.codec.v3.PrepayResponses;
import io.paygate.codec.v3.Transaction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Response bodies through {@link Json#write}: exact bytes, fixed field order, nulls left out, snake_case. */
class JsonWriteTest {

    private static String write(Object value) {
        return new String(Json.write(value), UTF_8);
    }

    private static Transaction paidNativeOrder() {
        Transaction t = new Transaction();
        // Set in an order unlike the wire order: the wire order must not depend on it.
        t.sceneInfo = new Transaction.SceneInfo("013467007045764");
        t.amount = new Transaction.Amount(100L, 100L, "CNY", "CNY");
        t.payer = new Transaction.Payer("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o");
        t.successTime = "2018-06-08T10:34:56+08:00";
        t.attach = "自定义数据";
        t.bankType = "OTHERS";
        t.tradeStateDesc = "支付成功";
        t.tradeState = "SUCCESS";
        t.tradeType = "NATIVE";
        t.transactionId = "4200000000000000000000000001";
        t.outTradeNo = "1217752501201407033233368018";
        t.mchid = "1230000109";
        t.appid = "wxd678efh567hg6787";
        return t;
    }

    @Test
    void paidTransactionHasEveryFieldInWireOrder() {
        assertThat(write(paidNativeOrder())).isEqualTo("{"
                + "\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1230000109\","
                + "\"out_trade_no\":\"1217752501201407033233368018\",\"transaction_id\":\"4200000000000000000000000001\","
                + "\"trade_type\":\"NATIVE\",\"trade_state\":\"SUCCESS\",\"trade_state_desc\":\"支付成功\","
                + "\"bank_type\":\"OTHERS\",\"attach\":\"自定义数据\",\"success_time\":\"2018-06-08T10:34:56+08:00\","
                + "\"payer\":{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"},"
                + "\"amount\":{\"total\":100,\"payer_total\":100,\"currency\":\"CNY\",\"payer_currency\":\"CNY\"},"
                + "\"scene_info\":{\"device_id\":\"013467007045764\"}}");
    }

    @Test
    void unpaidTransactionLeavesNullFieldsOut() {
        Transaction t = new Transaction();
        t.appid = "wxd678efh567hg6787";
        t.mchid = "1230000109";
        t.outTradeNo = "1217752501201407033233368018";
        t.tradeType = "NATIVE";
        t.tradeState = "NOTPAY";
        t.tradeStateDesc = "订单未支付";
        t.amount = new Transaction.Amount(100L, null, "CNY", null);
        assertThat(write(t)).isEqualTo("{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1230000109\","
                + "\"out_trade_no\":\"1217752501201407033233368018\",\"trade_type\":\"NATIVE\","
                + "\"trade_state\":\"NOTPAY\",\"trade_state_desc\":\"订单未支付\","
                + "\"amount\":{\"total\":100,\"currency\":\"CNY\"}}");
        assertThat(write(new Transaction())).isEqualTo("{}");
    }

    @Test
    void sameTransactionEncodesToSameBytes() {
        assertThat(Json.write(paidNativeOrder())).isEqualTo(Json.write(paidNativeOrder()));
    }

    @Test
    void errorBodyWithoutDetail() {
        assertThat(write(new ErrorBody("PARAM_ERROR", "参数错误")))
                .isEqualTo("{\"code\":\"PARAM_ERROR\",\"message\":\"参数错误\"}");
        assertThat(write(new ErrorBody("ORDER_NOT_EXIST", "订单不存在", null)))
                .isEqualTo("{\"code\":\"ORDER_NOT_EXIST\",\"message\":\"订单不存在\"}");
    }

    @Test
    void errorBodyWithDetail() {
        ErrorBody body = new ErrorBody("PARAM_ERROR", "输入源“/body/amount/total”映射到值字段“总金额”字符串规则校验失败",
                new ErrorBody.Detail("/amount/total", "\"100\"", "类型错误", "body"));
        assertThat(write(body)).isEqualTo("{\"code\":\"PARAM_ERROR\","
                + "\"message\":\"输入源“/body/amount/total”映射到值字段“总金额”字符串规则校验失败\","
                + "\"detail\":{\"field\":\"/amount/total\",\"value\":\"\\\"100\\\"\",\"issue\":\"类型错误\",\"location\":\"body\"}}");
        assertThat(write(new ErrorBody("PARAM_ERROR", "参数错误", new ErrorBody.Detail("mchid", null, null, "body"))))
                .isEqualTo("{\"code\":\"PARAM_ERROR\",\"message\":\"参数错误\",\"detail\":{\"field\":\"mchid\",\"location\":\"body\"}}");
    }

    @Test
    void prepayResponses() {
        assertThat(write(new PrepayResponses.CodeUrl("weixin://wxpay/bizpayurl?pr=p4lpSuKzz")))
                .isEqualTo("{\"code_url\":\"weixin://wxpay/bizpayurl?pr=p4lpSuKzz\"}");
        assertThat(write(new PrepayResponses.PrepayId("wx201410272009395522657a690389285100")))
                .isEqualTo("{\"prepay_id\":\"wx201410272009395522657a690389285100\"}");
        assertThat(write(new PrepayResponses.H5Url("https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx1&package=2")))
                .isEqualTo("{\"h5_url\":\"https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx1&package=2\"}");
    }

    @Test
    void certificates() {
        Certificates c = new Certificates(List.of(new Certificates.Entry("5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
                "2018-06-08T10:34:56+08:00", "2023-06-08T10:34:56+08:00",
                new Certificates.EncryptedResource("AEAD_AES_256_GCM", "61f9fcec8bd8", "certificate", "sRvt..."))));
        assertThat(write(c)).isEqualTo("{\"data\":[{\"serial_no\":\"5157F09EFDC096DE15EBE81A47057A7232F1B8E1\","
                + "\"effective_time\":\"2018-06-08T10:34:56+08:00\",\"expire_time\":\"2023-06-08T10:34:56+08:00\","
                + "\"encrypt_certificate\":{\"algorithm\":\"AEAD_AES_256_GCM\",\"nonce\":\"61f9fcec8bd8\","
                + "\"associated_data\":\"certificate\",\"ciphertext\":\"sRvt...\"}}]}");
    }

    @Test
    void writtenBodyReadsBackAsTheSameTree() {
        byte[] bytes = Json.write(paidNativeOrder());
        var tree = Json.readTree(bytes, 0, bytes.length);
        assertThat(tree.get("amount").get("payer_total").longValue()).isEqualTo(100L);
        assertThat(tree.get("trade_state_desc").textValue()).isEqualTo("支付成功");
    }
}
