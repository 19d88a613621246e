package io.paygate.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The load's job lists, built and signed before the timed run (signing uses every core, in
 * parallel). Set-up that the gateway must see first (payers, pay codes, paid orders to refund) runs
 * through the same client, closed loop, before the run.
 *
 * <ul>
 *   <li>{@code native}: Native prepay (one signed POST);</li>
 *   <li>{@code codepay}: pay-by-code below the password-free limit, with a fresh pay code each;</li>
 *   <li>{@code refund}: partial refunds of paid orders (50 per order, WeChat's maximum);</li>
 *   <li>{@code flow}: Native prepay, then the sandbox payer pays its code_url, then the merchant queries
 *       the order (three requests per job; latency is the whole flow's);</li>
 *   <li>{@code mix}: per 10 jobs 6 Native prepay, 2 order queries, 1 codepay, 1 refund.</li>
 * </ul>
 */
final class Workloads {

    static final List<String> NAMES = List.of("native", "codepay", "refund", "flow", "mix");
    static final long ORDER_FEN = 1_000_000;
    static final int REFUNDS_PER_ORDER = 50;

    private final Merchant m;
    private final Engine engine;
    private final String notifyUrl;
    private final String runId = Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
    private long counter;
    private List<String> payers;

    Workloads(Merchant m, Engine engine, String notifyUrl) {
        this.m = m;
        this.engine = engine;
        this.notifyUrl = notifyUrl;
    }

    Engine engine() {
        return engine;
    }

    Merchant merchant() {
        return m;
    }

    /** Requests each job sends. */
    static int requestsPerJob(String workload) {
        return workload.equals("flow") ? 3 : 1;
    }

    List<Job> build(String workload, int count) throws Exception {
        String prefix = runId + "X" + Long.toString(counter++, 36).toUpperCase() + "N";
        return switch (workload) {
            case "native" -> signedNative(prefix, count);
            case "codepay" -> codepay(prefix, count);
            case "refund" -> refunds(prefix, count);
            case "flow" -> flow(prefix, count);
            case "mix" -> mix(prefix, count);
            default -> throw new IllegalArgumentException("workload " + workload + " (one of " + NAMES + ")");
        };
    }

    private List<Job> signedNative(String prefix, int count) {
        return IntStream.range(0, count).parallel()
                .mapToObj(i -> Job.single(m.signed("POST", Merchant.NATIVE,
                        m.nativeBody(prefix + i, 1 + i % 9_999, notifyUrl))))
                .toList();
    }

    private List<Job> codepay(String prefix, int count) throws Exception {
        List<String> codes = authCodes(count);
        return IntStream.range(0, count).parallel()
                .mapToObj(i -> Job.single(m.signed("POST", Merchant.CODEPAY,
                        m.codepayBody(prefix + "C" + i, 1 + i % 9_999, codes.get(i)))))
                .toList();
    }

    private List<Job> refunds(String prefix, int count) throws Exception {
        int orders = (count + REFUNDS_PER_ORDER - 1) / REFUNDS_PER_ORDER;
        List<String> paid = paidOrders(prefix + "R", orders);
        return IntStream.range(0, count).parallel()
                .mapToObj(i -> Job.single(m.signed("POST", Merchant.REFUNDS, Merchant.refundBody(
                        paid.get(i / REFUNDS_PER_ORDER), prefix + "F" + i, 1, ORDER_FEN, notifyUrl))))
                .toList();
    }

    private List<Job> flow(String prefix, int count) throws Exception {
        List<String> who = payers();
        return IntStream.range(0, count).parallel().mapToObj(i -> {
            String outTradeNo = prefix + i;
            byte[] prepay = m.signed("POST", Merchant.NATIVE, m.nativeBody(outTradeNo, 1 + i % 9_999, notifyUrl));
            byte[] query = m.signed("GET", m.queryTarget(outTradeNo), null);
            String payer = who.get(i % who.size());
            return new Job(prepay, (step, answer) -> switch (step) {
                case 1 -> m.plain("POST", "/sandbox/v1/payments",
                        "{\"openid\":\"" + payer + "\",\"code_url\":\"" + field(answer.body(), "code_url") + "\"}");
                case 2 -> query;
                default -> null;
            }, false);
        }).toList();
    }

    private List<Job> mix(String prefix, int count) throws Exception {
        int tenths = (count + 9) / 10;
        List<Job> codepay = codepay(prefix + "M", tenths);
        List<Job> refund = refunds(prefix + "M", tenths);
        List<String> known = paidOrders(prefix + "Q", Math.max(1, tenths / 10));
        List<Job> out = new ArrayList<>(count);
        List<Job> natives = signedNative(prefix, count);
        List<Job> queries = IntStream.range(0, 2 * tenths).parallel()
                .mapToObj(i -> Job.single(m.signed("GET", m.queryTarget(known.get(i % known.size())), null)))
                .toList();
        for (int i = 0; i < count; i++) {
            int slot = i % 10;
            int tenth = i / 10;
            if (slot < 6) {
                out.add(natives.get(i));
            } else if (slot < 8) {
                out.add(queries.get(2 * tenth + slot - 6));
            } else if (slot == 8) {
                out.add(codepay.get(tenth));
            } else {
                out.add(refund.get(tenth));
            }
        }
        return out;
    }

    /** Sandbox payers with plenty of money, made once. */
    private List<String> payers() throws Exception {
        if (payers == null) {
            List<Job> make = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                make.add(new Job(m.plain("POST", "/sandbox/v1/payers", "{\"balance\":100000000000}"), null, true));
            }
            payers = answers(make, "openid");
        }
        return payers;
    }

    private List<String> authCodes(int count) throws Exception {
        List<String> who = payers();
        List<Job> ask = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ask.add(new Job(m.plain("POST", "/sandbox/v1/payers/" + who.get(i % who.size()) + "/auth-codes", null),
                    null, true));
        }
        return answers(ask, "auth_code");
    }

    /** Orders of {@link #ORDER_FEN} made and paid before the run; returns their out_trade_no. */
    private List<String> paidOrders(String prefix, int count) throws Exception {
        List<String> who = payers();
        List<String> outTradeNos = IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
        List<Job> prepay = outTradeNos.parallelStream()
                .map(o -> new Job(m.signed("POST", Merchant.NATIVE, m.nativeBody(o, ORDER_FEN, notifyUrl)), null, true))
                .toList();
        List<String> codeUrls = answers(prepay, "code_url");
        List<Job> pay = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pay.add(new Job(m.plain("POST", "/sandbox/v1/payments", "{\"openid\":\"" + who.get(i % who.size())
                    + "\",\"code_url\":\"" + codeUrls.get(i) + "\"}"), null, true));
        }
        answers(pay, "trade_state");
        return outTradeNos;
    }

    /** Runs set-up jobs closed loop and returns one field of each answer; any non-2xx stops the load. */
    private List<String> answers(List<Job> jobs, String name) throws Exception {
        engine.run(jobs, 0, 0, 120);
        List<String> out = new ArrayList<>(jobs.size());
        for (Job j : jobs) {
            if (j.status < 200 || j.status >= 300) {
                throw new IllegalStateException("set-up request answered " + j.status + ": " + j.body);
            }
            out.add(field(j.body, name));
        }
        return out;
    }

    /** A top-level string field of a small JSON answer (the gateway's answers are compact). */
    static String field(String json, String name) {
        String key = "\"" + name + "\":\"";
        int at = json.indexOf(key);
        if (at < 0) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        int from = at + key.length();
        return json.substring(from, json.indexOf('"', from));
    }
}
