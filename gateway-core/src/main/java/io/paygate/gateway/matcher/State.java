package io.paygate.gateway.matcher;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Everything the matcher knows. Collections whose iteration order matters (the state hash, ticks)
 * are lists, insertion-ordered maps, or priority queues with a total order, so the same commands
 * always produce the same walk.
 */
final class State {
    Ledger ledger = new Ledger();

    final Map<String, Merchant> merchants = new HashMap<>();
    final List<Merchant> merchantsInOrder = new ArrayList<>();

    final StringIndex<Order> ordersByToken = new StringIndex<>(o -> o.token);
    final StringIndex<Order> ordersByTransactionId = new StringIndex<>(o -> o.transactionId);
    final List<Order> ordersInOrder = new ArrayList<>();

    final StringIndex<Payer> payers = new StringIndex<>(p -> p.openid);
    final List<Payer> payersInOrder = new ArrayList<>();
    /** Live pay codes, in issue order; removed when they lapse. */
    final Map<String, AuthCode> authCodes = new LinkedHashMap<>();

    final List<Refund> refundsInOrder = new ArrayList<>();

    /** NOTPAY orders by lapse time, USERPAYING orders by revoke time; stale entries are skipped. */
    final PriorityQueue<Order> orderDeadlines = new PriorityQueue<>(State::byDeadline);
    final PriorityQueue<AuthCode> authCodeExpiries = new PriorityQueue<>(State::byExpiry);
    /** PROCESSING refunds, settled by the next tick. */
    final ArrayDeque<Refund> refundsToSettle = new ArrayDeque<>();

    /** The latest accepted-at time seen in a journaled command: the matcher's clock. */
    long nowMillis;
    long lastSequence;

    /** Where {@link Money#id} builds transaction and refund ids: scratch, not state. */
    final byte[] idScratch = new byte[Money.ID_CHARS_MAX];

    /**
     * Deadline, then creation sequence: a total order. Written out rather than composed with
     * {@code Comparator.comparingLong(..).thenComparingLong(..)}, whose nested lambdas the JIT could
     * not inline into the queue's sift loop (every create adds an order here).
     */
    private static int byDeadline(Order a, Order b) {
        int c = Long.compare(a.deadlineMillis, b.deadlineMillis);
        return c != 0 ? c : Long.compare(a.createdSequence, b.createdSequence);
    }

    /** Expiry, then issue sequence: a total order. */
    private static int byExpiry(AuthCode a, AuthCode b) {
        int c = Long.compare(a.expiresAtMillis, b.expiresAtMillis);
        return c != 0 ? c : Long.compare(a.issuedSequence, b.issuedSequence);
    }

    Merchant merchant(String mchid) {
        return mchid == null ? null : merchants.get(mchid);
    }
}
