package io.paygate.gateway.matcher;

import java.util.Arrays;

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
    public PayerStatus payerStatus;
    /** ISSUE_AUTH_CODE: the code and when it lapses. */
    public String authCode;
    public long expiresAtMillis;
    /** Events for the outbox, {@link #eventCount} of them (slots grow this array on demand and reuse it). */
    public Event[] events = new Event[0];
    public int eventCount;
    /** LEDGER_SUMMARY. */
    public long accounts;
    public long balanceSum;
    public long negativeAccounts;
    public String stateHash;

    /** Clears the result before the matcher fills it. */
    public void reset() {
        code = null;
        eventCount = 0;
        hasOrder = false;
        hasRefund = false;
        mchid = null;
        appid = null;
        openid = null;
        balanceFen = 0;
        payerStatus = null;
        authCode = null;
        expiresAtMillis = 0;
        accounts = 0;
        balanceSum = 0;
        negativeAccounts = 0;
        stateHash = null;
    }

    /** The next event slot, filled in by the caller. */
    Event addEvent(EventType type, String mchid, String notifyUrl) {
        if (eventCount == events.length) {
            Event[] grown = Arrays.copyOf(events, Math.max(4, events.length * 2));
            for (int i = events.length; i < grown.length; i++) {
                grown[i] = new Event();
            }
            events = grown;
        }
        Event e = events[eventCount];
        e.type = type;
        e.index = eventCount++;
        e.mchid = mchid;
        e.notifyUrl = notifyUrl;
        return e;
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
        payerStatus = p.status;
    }
}
