package io.paygate.codec.v3;

import java.util.List;

/** Body of {@code POST /v3/refund/domestic/refunds}. */
public final class RefundRequest {
    public String subMchid;
    public String transactionId;
    public String outTradeNo;
    public String outRefundNo;
    public String reason;
    public String notifyUrl;
    public String fundsAccount;
    public Amount amount;
    public List<GoodsDetail> goodsDetail;

    /** {@code amount}. */
    public static final class Amount {
        public Long refund;
        public Long total;
        public String currency;
        public List<From> from;
    }

    /** {@code amount.from[]}. */
    public static final class From {
        public String account;
        public Long amount;
    }

    /** {@code goods_detail[]}. */
    public static final class GoodsDetail {
        public String merchantGoodsId;
        public String wechatpayGoodsId;
        public String goodsName;
        public Long unitPrice;
        public Long refundAmount;
        public Long refundQuantity;
    }
}
