package io.paygate.codec.v3;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The sandbox API's bodies: Paygate's own stand-in for the payer's WeChat app (not a WeChat Pay
 * API). Requests are parsed with the same strict mapper as everything else.
 */
public final class Sandbox {
    private Sandbox() {
    }

    /** {@code POST /sandbox/v1/payers}. */
    public static final class CreatePayer {
        public Long balance;
    }

    /** {@code POST /sandbox/v1/payments}: one of code_url or prepay_id. */
    public static final class Payment {
        public String openid;
        public String codeUrl;
        public String prepayId;
    }

    /** {@code POST /sandbox/v1/payers/{openid}/confirm}. */
    public static final class Confirm {
        public String mchid;
        public String outTradeNo;
    }

    /** {@code POST /sandbox/v1/payers/{openid}/status}: ACTIVE, FROZEN or CLOSED. */
    public static final class PayerStatus {
        public String status;
    }

    /** A payer, their balance in fen and their wallet's status. */
    @JsonPropertyOrder({"openid", "balance", "status"})
    public record PayerView(String openid, long balance, String status) {
    }

    /** A fresh pay code. */
    @JsonPropertyOrder({"auth_code", "expires_in"})
    public record AuthCodeView(String authCode, long expiresIn) {
    }
}
