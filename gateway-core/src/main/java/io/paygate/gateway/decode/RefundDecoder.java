package io.paygate.gateway.decode;

import io.paygate.codec.command.Command;
import io.paygate.codec.command.CommandType;
import io.paygate.codec.v3.RefundRequest;
import io.paygate.gateway.respond.ApiError;
import java.util.Set;

/**
 * {@code POST /v3/refund/domestic/refunds} and {@code GET /v3/refund/domestic/refunds/{out_refund_no}}.
 * A direct merchant's refund carries no mchid: it is the signer's.
 */
public final class RefundDecoder {

    public static final int OUT_REFUND_NO_MAX = 64;
    public static final String OUT_REFUND_NO_EXTRA = "_-|*@";
    public static final int REASON_MAX = 80;
    private static final Set<String> FROM_ACCOUNTS = Set.of("AVAILABLE", "UNAVAILABLE");

    private final OrderDecoder orders;

    public RefundDecoder(OrderDecoder orders) {
        this.orders = orders;
    }

    public void create(byte[] body, int offset, int length, String signerMchid, Command out) {
        RefundRequest req = OrderDecoder.parse(body, offset, length, RefundRequest.class);
        out.type = CommandType.CREATE_REFUND;
        owner(req.subMchid, signerMchid, out);
        if ((req.transactionId == null) == (req.outTradeNo == null)) {
            throw ApiError.paramError("transaction_id与out_trade_no必须二选一 (give exactly one of transaction_id and out_trade_no)")
                    .reject();
        }
        if (req.transactionId != null) {
            out.transactionId = Fields.digits("transaction_id", req.transactionId, 1, OrderDecoder.TRANSACTION_ID_MAX);
        } else {
            out.outTradeNo = OrderDecoder.outTradeNo(req.outTradeNo);
        }
        out.outRefundNo = outRefundNo(req.outRefundNo);
        out.reason = Fields.optional("reason", req.reason, REASON_MAX);
        if (req.notifyUrl != null) {
            out.notifyUrl = orders.notifyUrl(req.notifyUrl);
        }
        if (req.fundsAccount != null && !"AVAILABLE".equals(req.fundsAccount)) {
            throw Fields.invalid("funds_account", "must be AVAILABLE");
        }
        amount(req.amount, out);
        goods(req);
    }

    public static String outRefundNo(String value) {
        return Fields.token("out_refund_no", value, 1, OUT_REFUND_NO_MAX, OUT_REFUND_NO_EXTRA);
    }

    private static void amount(RefundRequest.Amount a, Command out) {
        if (a == null) {
            throw Fields.missing("amount");
        }
        if (a.refund == null) {
            throw Fields.missing("amount.refund");
        }
        if (a.total == null) {
            throw Fields.missing("amount.total");
        }
        if (a.refund <= 0 || a.refund > OrderDecoder.AMOUNT_FEN_MAX) {
            throw Fields.invalid("amount.refund", "must be a positive integer number of fen up to " + OrderDecoder.AMOUNT_FEN_MAX);
        }
        if (a.total <= 0 || a.total > OrderDecoder.AMOUNT_FEN_MAX) {
            throw Fields.invalid("amount.total", "must be a positive integer number of fen up to " + OrderDecoder.AMOUNT_FEN_MAX);
        }
        if (a.refund > a.total) {
            throw Fields.invalid("amount.refund", "must not exceed amount.total");
        }
        if (a.currency == null) {
            throw Fields.missing("amount.currency");
        }
        if (!"CNY".equals(a.currency)) {
            throw Fields.invalid("amount.currency", "must be CNY");
        }
        if (a.from != null) {
            long sum = 0;
            for (RefundRequest.From f : a.from) {
                if (f == null || f.account == null || !FROM_ACCOUNTS.contains(f.account)) {
                    throw Fields.invalid("amount.from.account", "must be AVAILABLE or UNAVAILABLE");
                }
                if (f.amount == null || f.amount <= 0 || f.amount > OrderDecoder.AMOUNT_FEN_MAX) {
                    throw Fields.invalid("amount.from.amount", "must be a positive integer number of fen");
                }
                sum += f.amount;
            }
            if (sum > a.refund) {
                throw Fields.invalid("amount.from", "must not add up to more than amount.refund");
            }
        }
        out.amountFen = a.refund;
        out.totalFen = a.total;
    }

    private static void goods(RefundRequest req) {
        if (req.goodsDetail == null) {
            return;
        }
        if (req.goodsDetail.size() > OrderDecoder.GOODS_DETAIL_MAX) {
            throw Fields.invalid("goods_detail", "has too many entries");
        }
        for (RefundRequest.GoodsDetail g : req.goodsDetail) {
            if (g == null) {
                throw Fields.invalid("goods_detail", "must not contain null");
            }
            Fields.required("goods_detail.merchant_goods_id", g.merchantGoodsId, 32);
            if (g.unitPrice == null || g.unitPrice < 0 || g.refundAmount == null || g.refundAmount < 0
                    || g.refundQuantity == null || g.refundQuantity <= 0) {
                throw Fields.invalid("goods_detail", "needs unit_price, refund_amount (>= 0) and refund_quantity (> 0)");
            }
        }
    }

    /** {@code GET /v3/refund/domestic/refunds/{out_refund_no}}. */
    public void query(String outRefundNo, String subMchid, String signerMchid, Command out) {
        out.type = CommandType.QUERY_REFUND;
        owner(subMchid, signerMchid, out);
        out.outRefundNo = outRefundNo(outRefundNo);
    }

    /**
     * Whose refund: the signer's own, or with {@code sub_mchid} a sub-merchant's, the signer acting as
     * its service provider (the matcher refuses with NO_AUTH unless it is).
     */
    private static void owner(String subMchid, String signerMchid, Command out) {
        if (subMchid == null) {
            out.mchid = signerMchid;
        } else {
            out.spMchid = signerMchid;
            out.mchid = Fields.token("sub_mchid", subMchid, 1, OrderDecoder.MCHID_MAX, "");
        }
    }
}
