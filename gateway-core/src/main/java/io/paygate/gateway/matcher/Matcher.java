package io.paygate.gateway.matcher;

import io.paygate.codec.command.Command;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The deterministic state machine. {@link #apply(Command, MatchResult)} is the only way state
 * changes; each command is validated completely before the first mutation.
 *
 * <p>Not thread-safe by design: exactly one thread calls it.
 */
public final class Matcher {

    /** mchids the matcher assigns start here (WeChat's are 10 digits). */
    static final long MCHID_FIRST = 1_900_000_001L;

    private final Map<String, Merchant> merchants = new HashMap<>();
    private final List<Merchant> merchantsInOrder = new ArrayList<>();
    private final Map<String, Order> ordersByToken = new HashMap<>();
    private final Map<String, Order> ordersByTransactionId = new HashMap<>();
    private final List<Order> ordersInOrder = new ArrayList<>();
    private long nowMillis;
    private long lastSequence;

    /** Applies one command and writes the outcome into {@code out}. */
    public void apply(Command cmd, MatchResult out) {
        out.reset();
        if (!cmd.type.isQuery()) {
            Invariants.check(cmd.sequence == lastSequence + 1, "journal sequence gap", lastSequence, cmd.sequence);
            lastSequence = cmd.sequence;
            // time only moves forward, whatever order the event loops stamped their commands in
            nowMillis = Math.max(nowMillis, cmd.acceptedAtMillis);
        }
        switch (cmd.type) {
            case PROVISION_MERCHANT -> provisionMerchant(cmd, out);
            case CREATE_ORDER -> createOrder(cmd, out);
            case CLOSE_ORDER -> closeOrder(cmd, out);
            case QUERY_ORDER -> queryOrder(cmd, out);
            case LEDGER_SUMMARY -> ledgerSummary(out);
            case TICK -> out.code = ResultCode.OK;
            default -> throw new IllegalArgumentException("command type not handled: " + cmd.type);
        }
    }

    private void provisionMerchant(Command cmd, MatchResult out) {
        String mchid = cmd.mchid != null ? cmd.mchid : nextFreeMchid();
        if (merchants.containsKey(mchid)) {
            out.code = ResultCode.MERCHANT_EXISTS;
            return;
        }
        Merchant m = new Merchant(mchid, cmd.name, cmd.appid, cmd.serialNo, cmd.publicKeyDer, cmd.secret,
                cmd.secret2, cmd.feeRatePpm, cmd.acceptedAtMillis);
        merchants.put(mchid, m);
        merchantsInOrder.add(m);
        out.code = ResultCode.OK;
        out.mchid = mchid;
        out.appid = m.appid;
    }

    private String nextFreeMchid() {
        long candidate = MCHID_FIRST + merchantsInOrder.size();
        while (merchants.containsKey(Long.toString(candidate))) {
            candidate++;
        }
        return Long.toString(candidate);
    }

    private void createOrder(Command cmd, MatchResult out) {
        Merchant m = merchants.get(cmd.mchid);
        if (m == null) {
            out.code = ResultCode.MCH_NOT_EXISTS;
            return;
        }
        if (!m.appid.equals(cmd.appid)) {
            out.code = ResultCode.APPID_MCHID_NOT_MATCH;
            return;
        }
        Order existing = m.ordersByOutTradeNo.get(cmd.outTradeNo);
        if (existing != null) {
            if (existing.sameTerms(cmd)) {
                out.code = ResultCode.OK_REPEATED;
                out.order(existing);
            } else {
                out.code = ResultCode.OUT_TRADE_NO_USED;
            }
            return;
        }
        if (cmd.token != null && ordersByToken.containsKey(cmd.token)) {
            out.code = ResultCode.TOKEN_COLLISION;
            return;
        }
        Order o = new Order();
        o.initFrom(cmd);
        m.ordersByOutTradeNo.put(o.outTradeNo, o);
        if (o.token != null) {
            ordersByToken.put(o.token, o);
        }
        ordersInOrder.add(o);
        out.code = ResultCode.OK;
        out.order(o);
    }

    private void closeOrder(Command cmd, MatchResult out) {
        Order o = findOrder(cmd, out);
        if (o == null) {
            return;
        }
        switch (o.state) {
            case NOTPAY -> {
                if (o.tradeType == io.paygate.codec.command.TradeType.MICROPAY) {
                    out.code = ResultCode.ORDER_NOT_CLOSABLE;
                    return;
                }
                o.state = TradeState.CLOSED;
                o.closedAtMillis = cmd.acceptedAtMillis;
                out.code = ResultCode.OK;
            }
            case CLOSED -> out.code = ResultCode.OK_REPEATED;
            case USERPAYING, REVOKED, PAYERROR -> out.code = ResultCode.ORDER_NOT_CLOSABLE;
            case SUCCESS, REFUND -> out.code = ResultCode.ORDER_PAID;
            default -> throw new IllegalStateException("unknown trade state " + o.state);
        }
        out.order(o);
    }

    private void queryOrder(Command cmd, MatchResult out) {
        Order o = findOrder(cmd, out);
        if (o == null) {
            return;
        }
        out.code = ResultCode.OK;
        out.order(o);
    }

    /** Finds the command's order by transaction_id or out_trade_no, within its merchant only. */
    private Order findOrder(Command cmd, MatchResult out) {
        Merchant m = merchants.get(cmd.mchid);
        if (m == null) {
            out.code = ResultCode.MCH_NOT_EXISTS;
            return null;
        }
        Order o;
        if (cmd.transactionId != null) {
            o = ordersByTransactionId.get(cmd.transactionId);
            if (o != null && !o.mchid.equals(m.mchid)) {
                o = null; // another merchant's order does not exist for this one
            }
        } else {
            o = m.ordersByOutTradeNo.get(cmd.outTradeNo);
        }
        if (o == null) {
            out.code = ResultCode.ORDER_NOT_EXIST;
        }
        return o;
    }

    private void ledgerSummary(MatchResult out) {
        out.code = ResultCode.OK;
        out.accounts = 0;
        out.balanceSum = 0;
        out.negativeAccounts = 0;
        out.stateHash = stateHash();
    }

    /** The last journal sequence applied. */
    public long lastSequence() {
        return lastSequence;
    }

    /** Number of merchants. */
    public int merchantCount() {
        return merchantsInOrder.size();
    }

    /** Read-only view of the merchants in provisioning order (recovery uses it to rebuild the directory). */
    public List<Merchant> merchants() {
        return java.util.Collections.unmodifiableList(merchantsInOrder);
    }

    /** A merchant by mchid, or null. */
    public Merchant merchant(String mchid) {
        return merchants.get(mchid);
    }

    /**
     * SHA-256 over the whole state in a canonical order. Equal hashes mean equal state; replaying
     * the same journal always gives the same hash.
     */
    public String stateHash() {
        StateHasher h = new StateHasher();
        h.add(lastSequence).add(nowMillis).add(merchantsInOrder.size());
        for (Merchant m : merchantsInOrder) {
            h.add(m.mchid).add(m.name).add(m.appid).add(m.serialNo).add(m.publicKeyDer).add(m.apiV3Key)
                    .add(m.apiV2Key).add(m.feeRatePpm).add(m.createdAtMillis).add(m.ordersByOutTradeNo.size());
        }
        h.add(ordersInOrder.size());
        for (Order o : ordersInOrder) {
            h.add(o.mchid).add(o.appid).add(o.outTradeNo).add(o.tradeType).add(o.description).add(o.attach)
                    .add(o.notifyUrl).add(o.goodsTag).add(o.timeExpireMillis).add(o.totalFen).add(o.requiredOpenid)
                    .add(o.deviceId).add(o.payerClientIp).add(o.storeId).add(o.flags).add(o.token)
                    .add(o.createdAtMillis).add(o.createdSequence).add(o.state).add(o.transactionId)
                    .add(o.payerOpenid).add(o.payerTotalFen).add(o.successTimeMillis).add(o.closedAtMillis);
        }
        return h.hex();
    }
}
