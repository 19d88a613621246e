package io.paygate.gateway.decode;

import io.paygate.codec.command.Command;
import io.paygate.codec.command.CommandType;
import io.paygate.codec.v3.Sandbox;
import io.paygate.gateway.respond.ApiError;
import java.util.List;

/**
 * The sandbox API (the payer's side, sandbox mode only, no merchant signature): create and read
 * payers, issue pay codes, pay a code_url or prepay_id, enter the password of a USERPAYING payment.
 */
public final class SandboxDecoder {

    /** A sandbox payer's opening balance is at most ¥10 billion. */
    public static final long BALANCE_FEN_MAX = 1_000_000_000_000L;
    public static final String CODE_URL_PREFIX = "weixin://wxpay/bizpayurl?pr=";
    static final int OPENID_MAX = 128;
    static final int TOKEN_MAX = 64;
    static final List<String> PAYER_STATUSES = List.of("ACTIVE", "FROZEN", "CLOSED");

    public void createPayer(byte[] body, int offset, int length, Command out) {
        Sandbox.CreatePayer req = OrderDecoder.parse(body, offset, length, Sandbox.CreatePayer.class);
        if (req.balance == null) {
            throw Fields.missing("balance");
        }
        if (req.balance < 0 || req.balance > BALANCE_FEN_MAX) {
            throw Fields.invalid("balance", "must be an integer number of fen from 0 to " + BALANCE_FEN_MAX);
        }
        out.type = CommandType.CREATE_PAYER;
        out.amountFen = req.balance;
    }

    public void queryPayer(String openid, Command out) {
        out.type = CommandType.QUERY_PAYER;
        out.openid = openid(openid);
    }

    /** A wallet's status: refunds to a FROZEN wallet fail (ABNORMAL), to a CLOSED one close. */
    public void setPayerStatus(String openid, byte[] body, int offset, int length, Command out) {
        Sandbox.PayerStatus req = OrderDecoder.parse(body, offset, length, Sandbox.PayerStatus.class);
        if (req.status == null) {
            throw Fields.missing("status");
        }
        if (!PAYER_STATUSES.contains(req.status)) {
            throw Fields.invalid("status", "must be one of " + PAYER_STATUSES);
        }
        out.type = CommandType.SET_PAYER_STATUS;
        out.openid = openid(openid);
        out.name = req.status;
    }

    public void issueAuthCode(String openid, Command out) {
        out.type = CommandType.ISSUE_AUTH_CODE;
        out.openid = openid(openid);
    }

    public void pay(byte[] body, int offset, int length, Command out) {
        Sandbox.Payment req = OrderDecoder.parse(body, offset, length, Sandbox.Payment.class);
        out.type = CommandType.PAY_ORDER;
        out.openid = openid(req.openid);
        if ((req.codeUrl == null) == (req.prepayId == null)) {
            throw ApiError.paramError("code_url与prepay_id必须二选一 (give exactly one of code_url and prepay_id)").reject();
        }
        if (req.codeUrl != null) {
            if (!req.codeUrl.startsWith(CODE_URL_PREFIX)) {
                throw Fields.invalid("code_url", "must be a code_url this gateway issued (" + CODE_URL_PREFIX + "...)");
            }
            out.token = Fields.token("code_url", req.codeUrl.substring(CODE_URL_PREFIX.length()), 1, TOKEN_MAX, "");
        } else {
            out.token = Fields.token("prepay_id", req.prepayId, 1, TOKEN_MAX, "");
        }
    }

    public void confirm(String openid, byte[] body, int offset, int length, Command out) {
        Sandbox.Confirm req = OrderDecoder.parse(body, offset, length, Sandbox.Confirm.class);
        out.type = CommandType.CONFIRM_CODEPAY;
        out.openid = openid(openid);
        out.mchid = Fields.token("mchid", req.mchid, 1, OrderDecoder.MCHID_MAX, "");
        out.outTradeNo = OrderDecoder.outTradeNo(req.outTradeNo);
    }

    static String openid(String value) {
        return Fields.token("openid", value, 1, OPENID_MAX, "_-");
    }
}
