package io.paygate.gateway.matcher;

/**
 * What the matcher decided for one command, written into the command's ring slot. Pre-allocated per
 * slot and reused: the matcher resets it and fills only what applies.
 */
public final class MatchResult {
    public ResultCode code;
    /** A copy of the order the command was about, when {@link #hasOrder}. */
    public final Order order = new Order();
    public boolean hasOrder;
    /** A copy of the refund the command was about, when {@link #hasRefund}. */
    public final Refund refund = new Refund();
    public boolean hasRefund;
    /** PROVISION_MERCHANT: the mchid and appid assigned. */
    public String mchid;
    public String appid;
    /** Payer commands: the payer and their balance. */
    public String openid;
    public long balanceFen;
    /** ISSUE_AUTH_CODE: the code and when it lapses. */
    public String authCode;
    public long expiresAtMillis;
    /** LEDGER_SUMMARY. */
    public long accounts;
    public long balanceSum;
    public long negativeAccounts;
    public String stateHash;

    /** Clears the result before the matcher fills it. */
    public void reset() {
        code = null;
        hasOrder = false;
        hasRefund = false;
        mchid = null;
        appid = null;
        openid = null;
        balanceFen = 0;
        authCode = null;
        expiresAtMillis = 0;
        accounts = 0;
        balanceSum = 0;
        negativeAccounts = 0;
        stateHash = null;
    }

    void order(Order live) {
        order.copyFrom(live);
        hasOrder = true;
    }

    void refund(Refund live) {
        refund.copyFrom(live);
        hasRefund = true;
    }

    void payer(Payer p, long balance) {
        openid = p.openid;
        balanceFen = balance;
    }
}
