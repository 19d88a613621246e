package io.paygate.gateway.sequence;

import io.paygate.gateway.matcher.MatchResult;
import io.paygate.gateway.matcher.Order;
import io.paygate.gateway.matcher.ResultCode;

/** An immutable copy of the parts of a {@link MatchResult} that internal callers (admin, start-up) read. */
public record ResultCopy(ResultCode code, String mchid, String appid, long accounts, long balanceSum,
                         long negativeAccounts, String stateHash, Order order) {

    /** Copies out of a slot (on the respond thread). */
    public static ResultCopy of(MatchResult r) {
        return new ResultCopy(r.code, r.mchid, r.appid, r.accounts, r.balanceSum, r.negativeAccounts, r.stateHash,
                r.hasOrder ? new Order().copyFrom(r.order) : null);
    }
}
