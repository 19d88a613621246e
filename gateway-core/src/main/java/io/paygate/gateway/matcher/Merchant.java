package io.paygate.gateway.matcher;

import java.util.HashMap;
import java.util.Map;

/**
 * A provisioned merchant: identity, credentials the acceptor needs (kept here so that they are
 * journaled and replayed like everything else), terms, and its orders.
 *
 * <p>A merchant is its own ledger owner; service providers with sub-merchants fit in later as a
 * {@code parent} link without changing how orders are keyed (by the merchant that owns the money).
 */
public final class Merchant {
    final String mchid;
    final String name;
    final String appid;
    final String serialNo;
    final byte[] publicKeyDer;
    final String apiV3Key;
    final String apiV2Key;
    final long feeRatePpm;
    final long createdAtMillis;
    /** Settlement account in the ledger: payments in (minus fees), refunds out. */
    final int account;
    final Map<String, Order> ordersByOutTradeNo = new HashMap<>();
    final Map<String, Refund> refundsByOutRefundNo = new HashMap<>();

    Merchant(String mchid, String name, String appid, String serialNo, byte[] publicKeyDer, String apiV3Key,
             String apiV2Key, long feeRatePpm, long createdAtMillis, int account) {
        this.mchid = mchid;
        this.name = name;
        this.appid = appid;
        this.serialNo = serialNo;
        this.publicKeyDer = publicKeyDer;
        this.apiV3Key = apiV3Key;
        this.apiV2Key = apiV2Key;
        this.feeRatePpm = feeRatePpm;
        this.createdAtMillis = createdAtMillis;
        this.account = account;
    }

    public String mchid() {
        return mchid;
    }

    public String appid() {
        return appid;
    }

    public long feeRatePpm() {
        return feeRatePpm;
    }

    public String serialNo() {
        return serialNo;
    }

    /** DER SubjectPublicKeyInfo of the merchant's API key. */
    public byte[] publicKeyDer() {
        return publicKeyDer.clone();
    }

    /** The merchant's APIv3 key (a secret: never log it). */
    public String apiV3Key() {
        return apiV3Key;
    }

    @Override
    public String toString() {
        return "Merchant[" + mchid + "]";
    }
}
