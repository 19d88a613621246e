package io.paygate.gateway.matcher;

import java.util.ArrayList;
import java.util.List;

/**
 * A provisioned merchant: identity, credentials the acceptor needs (kept here so that they are
 * journaled and replayed like everything else), terms, and its orders.
 *
 * <p>A merchant is its own ledger owner. A service provider (服务商) signs for sub-merchants, each
 * of which has exactly one provider ({@link #spMchid}); orders stay keyed by the merchant that owns
 * the money, the sub-merchant. A provider's commission is its share of a sub-merchant's fee.
 */
public final class Merchant {
    /** API keys a merchant may hold: RSA and SM2, each with room for a rotation. */
    public static final int KEYS_MAX = 4;

    final String mchid;
    final String name;
    final String appid;
    final String serialNo;
    final byte[] publicKeyDer;
    final String apiV3Key;
    final String apiV2Key;
    final long feeRatePpm;
    final long createdAtMillis;
    /** A service provider that may act for sub-merchants. */
    final boolean serviceProvider;
    /** A sub-merchant's service provider, or null. */
    final String spMchid;
    /** A sub-merchant's provider commission: its share of each fee, in ppm of the fee. */
    final long commissionPpm;
    /** A sub-merchant's notify default: where its partner orders notify when they name no notify_url. */
    final String notifyUrlDefault;
    /** Settlement account in the ledger: payments in (minus fees), refunds out. */
    final int account;
    /** API keys added after provisioning (say SM2 beside RSA), in the order they were added. */
    final List<ApiKey> addedKeys = new ArrayList<>();
    final StringIndex<Order> ordersByOutTradeNo = new StringIndex<>(o -> o.outTradeNo);
    final StringIndex<Refund> refundsByOutRefundNo = new StringIndex<>(r -> r.outRefundNo);

    Merchant(String mchid, String name, String appid, String serialNo, byte[] publicKeyDer, String apiV3Key,
             String apiV2Key, long feeRatePpm, long createdAtMillis, int account) {
        this(mchid, name, appid, serialNo, publicKeyDer, apiV3Key, apiV2Key, feeRatePpm, createdAtMillis, account, false,
                null, 0, null);
    }

    Merchant(String mchid, String name, String appid, String serialNo, byte[] publicKeyDer, String apiV3Key,
             String apiV2Key, long feeRatePpm, long createdAtMillis, int account, boolean serviceProvider,
             String spMchid, long commissionPpm, String notifyUrlDefault) {
        this.notifyUrlDefault = notifyUrlDefault;
        this.serviceProvider = serviceProvider;
        this.spMchid = spMchid;
        this.commissionPpm = commissionPpm;
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

    /** DER SubjectPublicKeyInfo of the merchant's API key; null for a sub-merchant without one. */
    public byte[] publicKeyDer() {
        return publicKeyDer == null ? null : publicKeyDer.clone();
    }

    /** A merchant API key: its serial and DER SubjectPublicKeyInfo. */
    public record ApiKey(String serialNo, byte[] publicKeyDer) {
    }

    /** Every API key: the one given at provisioning (if any), then the added ones. */
    public List<ApiKey> keys() {
        List<ApiKey> all = new ArrayList<>(addedKeys.size() + 1);
        if (publicKeyDer != null) {
            all.add(new ApiKey(serialNo, publicKeyDer.clone()));
        }
        for (ApiKey k : addedKeys) {
            all.add(new ApiKey(k.serialNo(), k.publicKeyDer().clone()));
        }
        return all;
    }

    boolean hasKey(String serial) {
        if (serial.equals(serialNo)) {
            return true;
        }
        for (ApiKey k : addedKeys) {
            if (k.serialNo().equals(serial)) {
                return true;
            }
        }
        return false;
    }

    public boolean serviceProvider() {
        return serviceProvider;
    }

    /** A sub-merchant's service provider, or null. */
    public String spMchid() {
        return spMchid;
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
