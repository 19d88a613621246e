package io.paygate.gateway.matcher;

import io.paygate.codec.command.Command;

/**
 * Time passing, driven by journaled TICK commands: unpaid orders lapse (CLOSED), USERPAYING codepay
 * orders are revoked, pay codes lapse, PROCESSING refunds settle. The matcher's clock is the latest
 * accepted-at time of any journaled command, so a replay sees exactly the same expiries.
 */
final class Ticks {
    private Ticks() {
    }

    static void tick(State s, Command cmd, MatchResult out) {
        long now = s.nowMillis;
        while (!s.orderDeadlines.isEmpty() && s.orderDeadlines.peek().deadlineMillis <= now) {
            Order o = s.orderDeadlines.poll();
            if (o.state == TradeState.NOTPAY) {
                Orders.close(o, o.deadlineMillis);
            } else if (o.state == TradeState.USERPAYING) {
                Payments.revoke(o);
            }
        }
        while (!s.authCodeExpiries.isEmpty() && s.authCodeExpiries.peek().expiresAtMillis <= now) {
            s.authCodes.remove(s.authCodeExpiries.poll().code);
        }
        Refunds.settleAll(s, cmd, out);
        out.code = ResultCode.OK;
    }

    /** The earliest time a tick has work to do (0: now; Long.MAX_VALUE: nothing pending). */
    static long nextDeadline(State s) {
        if (!s.refundsToSettle.isEmpty()) {
            return 0;
        }
        long next = Long.MAX_VALUE;
        if (!s.orderDeadlines.isEmpty()) {
            next = s.orderDeadlines.peek().deadlineMillis;
        }
        if (!s.authCodeExpiries.isEmpty()) {
            next = Math.min(next, s.authCodeExpiries.peek().expiresAtMillis);
        }
        return next;
    }
}
