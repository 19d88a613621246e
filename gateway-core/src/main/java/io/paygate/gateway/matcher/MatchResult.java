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
    /** PROVISION_MERCHANT: the mchid and appid assigned. */
    public String mchid;
    public String appid;
    /** LEDGER_SUMMARY. */
    public long accounts;
    public long balanceSum;
    public long negativeAccounts;
    public String stateHash;

    /** Clears the result before the matcher fills it. */
    public void reset() {
        code = null;
        hasOrder = false;
        mchid = null;
        appid = null;
        accounts = 0;
        balanceSum = 0;
        negativeAccounts = 0;
        stateHash = null;
    }

    void order(Order live) {
        order.copyFrom(live);
        hasOrder = true;
    }
}
