package io.paygate.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.paygate.codec.event.EventRecord;
import io.paygate.gateway.admin.MerchantInfo;
import io.paygate.gateway.cli.MerchantClient;
import io.paygate.gateway.journal.RecordQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Crash durability (reliability G1, G8, G9, G3): real signed HTTP load against a gateway in a child
 * JVM (native orders paid by sandbox payers, codepay, partial refunds, notifications to a local
 * {@link CallbackServer}), {@code kill -9} at a seeded random moment, restart on the same data dir,
 * for N cycles, with snapshots every 100 commands so restarts use snapshot + journal suffix.
 *
 * <p>History is Jepsen-style: each step is ok (a definite answer), fail (a definite refusal) or info
 * (no answer: the kill). After each restart the previous cycle's steps are checked (cheap: only that
 * cycle's orders, so 100 cycles stay linear): every ok order, payment and refund is there with the
 * same amounts, every info is resolved by a query, each cycle's payers hold exactly their opening
 * balance minus what they paid plus what was refunded (nothing applied twice), the ledger sums to 0
 * with no negative account. At the end: every notification delivered, the outbox holds exactly one
 * TRANSACTION.SUCCESS per paid native order and one REFUND.SUCCESS per refund, every event reached
 * the merchant at least once, and {@code paygate verify} exits 0 with the live state hash.
 *
 * <pre>
 * java [Chronicle flags] -cp TEST_CLASSPATH io.paygate.gateway.support.CrashHarness CYCLES DATA_DIR [SEED]
 * </pre>
 * exits 0 when every check held, 1 otherwise (the first failure is printed).
 */
public final class CrashHarness {

    static final String HOCON = "paygate.snapshot.every-commands = 100\n"
            + "paygate.ticker.interval = 200ms\n"
            + "paygate.sandbox.auth-code-validity = 1h\n"
            + "paygate.notify.retry-schedule = [1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s, 1s]\n";
    static final long PAYER_OPENING_FEN = 100_000_000;
    static final int WORKERS = 3;

    /** How one step ended. */
    enum Outcome { OK, FAIL, INFO, NONE }

    /** One order of the history and what happened to it. */
    static final class OrderRec {
        final String outTradeNo;
        final long totalFen;
        final boolean codepay;
        final String payer;
        Outcome created = Outcome.NONE;
        Outcome paid = Outcome.NONE;
        boolean isPaid;
        final List<RefundRec> refunds = new ArrayList<>();

        OrderRec(String outTradeNo, long totalFen, boolean codepay, String payer) {
            this.outTradeNo = outTradeNo;
            this.totalFen = totalFen;
            this.codepay = codepay;
            this.payer = payer;
        }

        long refundableFen() {
            return totalFen - refunds.stream().mapToLong(r -> r.amountFen).sum();
        }
    }

    /** One refund of the history. */
    static final class RefundRec {
        final String outRefundNo;
        final long amountFen;
        Outcome outcome = Outcome.NONE;
        boolean exists;

        RefundRec(String outRefundNo, long amountFen) {
            this.outRefundNo = outRefundNo;
            this.amountFen = amountFen;
        }
    }

    /** One worker's share of a cycle: its payer and its orders. */
    static final class WorkerLog {
        String payer;
        final List<OrderRec> orders = new ArrayList<>();
    }

    /** What a run found. */
    public record Result(boolean ok, String failure, String summary) {
    }

    private final Path dataDir;
    private final int cycles;
    private final long seed;
    private final boolean canaryDeleteJournal;
    private final SplittableRandom rnd;
    private final List<OrderRec> allOrders = Collections.synchronizedList(new ArrayList<>());
    private long requests;
    private int kills;
    private int snapshotRestarts;

    private CrashHarness(Path dataDir, int cycles, long seed, boolean canaryDeleteJournal) {
        this.dataDir = dataDir;
        this.cycles = cycles;
        this.seed = seed;
        this.canaryDeleteJournal = canaryDeleteJournal;
        this.rnd = new SplittableRandom(seed);
    }

    /** Runs {@code cycles} kill/restart cycles; a canary deletes the journal and snapshots after the first kill. */
    public static Result run(Path dataDir, int cycles, long seed, boolean canaryDeleteJournal) throws Exception {
        System.out.println("CrashHarness seed=" + seed + " cycles=" + cycles + " dataDir=" + dataDir
                + (canaryDeleteJournal ? " CANARY (journal deleted after the first kill)" : ""));
        CrashHarness h = new CrashHarness(dataDir, cycles, seed, canaryDeleteJournal);
        long t0 = System.nanoTime();
        try (CallbackServer merchantSite = new CallbackServer()) {
            h.cycles(merchantSite);
        } catch (AssertionError | RuntimeException e) {
            return new Result(false, e.toString(), h.summary(t0));
        }
        return new Result(true, null, h.summary(t0));
    }

    private String summary(long t0) {
        return kills + " kills, " + snapshotRestarts + " starts from a snapshot, " + allOrders.size() + " orders, " + requests + " requests, seed " + seed + ", "
                + (System.nanoTime() - t0) / 1_000_000 + " ms";
    }

    private void cycles(CallbackServer site) throws Exception {
        List<WorkerLog> previous = null;
        for (int cycle = 1; cycle <= cycles; cycle++) {
            ChildGateway child = ChildGateway.start(dataDir, HOCON);
            try {
                MerchantInfo demo = child.demo();
                Endpoints api = new Endpoints(new MerchantClient(demo, child.apiBaseUrl()),
                        new AdminClient(child.adminBaseUrl(), adminToken()), demo);
                if (child.output().contains("restored snapshot")) {
                    snapshotRestarts++;
                }
                if (previous != null) {
                    check(api, previous, cycle - 1);
                }
                if (cycle == cycles) {
                    finish(child, api, site);
                    return;
                }
                previous = load(child, api, site, cycle);
            } finally {
                child.close();
            }
            if (canaryDeleteJournal && cycle == 1) {
                deleteTree(dataDir.resolve("journal").resolve("commands"));
                deleteTree(dataDir.resolve("snapshots"));
            }
        }
    }

    private String adminToken() throws IOException {
        return Files.readString(dataDir.resolve("admin.token")).trim();
    }

    /** The three clients a cycle uses. */
    record Endpoints(MerchantClient merchant, AdminClient admin, MerchantInfo demo) {
    }

    // ---------------------------------------------------------------- load, then kill -9

    private List<WorkerLog> load(ChildGateway child, Endpoints api, CallbackServer site, int cycle) throws Exception {
        long killAfterMillis = 200 + rnd.nextLong(1_800);
        List<WorkerLog> logs = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            WorkerLog log = new WorkerLog();
            logs.add(log);
            SplittableRandom wr = rnd.split();
            String prefix = "C" + cycle + "W" + w + "N";
            Thread t = new Thread(() -> work(api, site, log, wr, prefix), "crash-load-" + w);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        Thread.sleep(killAfterMillis);
        child.kill9();
        kills++;
        for (Thread t : threads) {
            t.join(60_000);
            if (t.isAlive()) {
                throw new AssertionError("a load thread still runs 60 s after the kill");
            }
        }
        for (WorkerLog l : logs) {
            allOrders.addAll(l.orders);
        }
        System.out.println("CrashHarness cycle " + cycle + ": killed after " + killAfterMillis + " ms, "
                + logs.stream().mapToInt(l -> l.orders.size()).sum() + " orders attempted");
        return logs;
    }

    /** One worker: its own payer, then orders, payments, codepay and refunds until the kill cuts it off. */
    private void work(Endpoints api, CallbackServer site, WorkerLog log, SplittableRandom r, String prefix) {
        MerchantClient m = api.merchant();
        try {
            MerchantClient.Reply p = call(() -> m.sandbox("POST", "/sandbox/v1/payers",
                    "{\"balance\":" + PAYER_OPENING_FEN + "}"));
            if (p.status() != 200) {
                return;
            }
            log.payer = SignedClient.parse(p.body()).path("openid").asText();
            for (int n = 0; ; n++) {
                int op = r.nextInt(4);
                List<OrderRec> refundable = log.orders.stream().filter(o -> o.isPaid && o.refundableFen() > 1).toList();
                if (op == 3 && !refundable.isEmpty()) {
                    refund(m, site, refundable.get(r.nextInt(refundable.size())), r, prefix + n);
                } else if (op == 2) {
                    codepay(api, log, r, prefix + n);
                } else {
                    nativePayment(api, site, log, r, prefix + n);
                }
            }
        } catch (UncheckedIOException | IllegalStateException gone) {
            // the kill: the step in flight stays INFO, to be resolved after the restart
        }
    }

    private MerchantClient.Reply call(java.util.function.Supplier<MerchantClient.Reply> request) {
        synchronized (this) {
            requests++;
        }
        return request.get();
    }

    private static long amount(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> 1 + r.nextInt(3);
            case 1 -> 100_000; // the password-free limit itself
            default -> 1 + r.nextInt(50_000);
        };
    }

    private void nativePayment(Endpoints api, CallbackServer site, WorkerLog log, SplittableRandom r, String no) {
        OrderRec o = new OrderRec(no, amount(r), false, log.payer);
        log.orders.add(o);
        o.created = Outcome.INFO;
        MerchantClient.Reply c = call(() -> api.merchant().signed("POST", "/v3/pay/transactions/native",
                "{\"appid\":\"" + api.demo().appid() + "\",\"mchid\":\"" + api.demo().mchid() + "\",\"description\":"
                        + "\"crash\",\"out_trade_no\":\"" + no + "\",\"notify_url\":\"" + site.url("/pay") + "\","
                        + "\"amount\":{\"total\":" + o.totalFen + "}}"));
        o.created = c.status() == 200 ? Outcome.OK : Outcome.FAIL;
        if (c.status() != 200) {
            throw new AssertionError("native order " + no + ": " + c.status() + " " + c.body());
        }
        String codeUrl = SignedClient.parse(c.body()).path("code_url").asText();
        o.paid = Outcome.INFO;
        MerchantClient.Reply p = call(() -> api.merchant().sandbox("POST", "/sandbox/v1/payments",
                "{\"openid\":\"" + log.payer + "\",\"code_url\":\"" + codeUrl + "\"}"));
        o.paid = p.status() == 200 ? Outcome.OK : Outcome.FAIL;
        o.isPaid = p.status() == 200;
        if (p.status() != 200) {
            throw new AssertionError("paying " + no + ": " + p.status() + " " + p.body());
        }
    }

    private void codepay(Endpoints api, WorkerLog log, SplittableRandom r, String no) {
        MerchantClient.Reply a = call(() -> api.merchant().sandbox("POST", "/sandbox/v1/payers/" + log.payer
                + "/auth-codes", null));
        if (a.status() != 200) {
            throw new AssertionError("auth code: " + a.status() + " " + a.body());
        }
        String authCode = SignedClient.parse(a.body()).path("auth_code").asText();
        OrderRec o = new OrderRec(no, Math.min(amount(r), 100_000), true, log.payer);
        log.orders.add(o);
        o.created = Outcome.INFO;
        o.paid = Outcome.INFO;
        MerchantClient.Reply c = call(() -> api.merchant().signed("POST", "/v3/pay/transactions/codepay",
                "{\"appid\":\"" + api.demo().appid() + "\",\"mchid\":\"" + api.demo().mchid() + "\",\"description\":"
                        + "\"till\",\"out_trade_no\":\"" + no + "\",\"payer\":{\"auth_code\":\"" + authCode + "\"},"
                        + "\"amount\":{\"total\":" + o.totalFen + ",\"currency\":\"CNY\"},"
                        + "\"scene_info\":{\"store_info\":{\"id\":\"S001\"}}}"));
        if (c.status() != 200 || !"SUCCESS".equals(SignedClient.parse(c.body()).path("trade_state").asText())) {
            throw new AssertionError("codepay " + no + ": " + c.status() + " " + c.body());
        }
        o.created = Outcome.OK;
        o.paid = Outcome.OK;
        o.isPaid = true;
    }

    private void refund(MerchantClient m, CallbackServer site, OrderRec o, SplittableRandom r, String no) {
        RefundRec f = new RefundRec("R" + no, 1 + r.nextLong(Math.min(o.refundableFen(), 20_000)));
        o.refunds.add(f);
        f.outcome = Outcome.INFO;
        MerchantClient.Reply c = call(() -> m.signed("POST", "/v3/refund/domestic/refunds", "{\"out_trade_no\":\""
                + o.outTradeNo + "\",\"out_refund_no\":\"" + f.outRefundNo + "\",\"notify_url\":\"" + site.url("/refund")
                + "\",\"amount\":{\"refund\":" + f.amountFen + ",\"total\":" + o.totalFen + ",\"currency\":\"CNY\"}}"));
        if (c.status() != 200) {
            throw new AssertionError("refund " + f.outRefundNo + " of " + o.outTradeNo + ": " + c.status() + " " + c.body());
        }
        f.outcome = Outcome.OK;
        f.exists = true;
    }

    // ---------------------------------------------------------------- checks after a restart

    private void check(Endpoints api, List<WorkerLog> logs, int cycle) throws InterruptedException {
        MerchantClient m = api.merchant();
        for (WorkerLog log : logs) {
            if (log.payer == null) {
                continue; // the payer's creation itself was cut off (or never answered)
            }
            long expected = PAYER_OPENING_FEN;
            for (OrderRec o : log.orders) {
                expected -= resolveOrder(m, api.demo(), o, cycle);
                for (RefundRec f : o.refunds) {
                    expected += resolveRefund(m, o, f, cycle);
                }
            }
            long want = expected;
            String payer = log.payer;
            waitFor(() -> m.balance(payer) == want, 20_000);
            long balance = m.balance(payer);
            if (balance != want) {
                throw new AssertionError("cycle " + cycle + ": payer " + payer + " holds " + balance + " fen, expected "
                        + want + " (a payment or refund lost or applied twice)");
            }
        }
        JsonNode ledger = api.admin().send("GET", "/admin/v1/ledger", null).json();
        if (ledger.path("sum").asLong() != 0 || ledger.path("negative_accounts").asLong() != 0) {
            throw new AssertionError("cycle " + cycle + ": ledger " + ledger);
        }
    }

    /** Checks an order against the history; returns what its payer paid for it. */
    private long resolveOrder(MerchantClient m, MerchantInfo demo, OrderRec o, int cycle) {
        MerchantClient.Reply q = call(() -> m.signed("GET", "/v3/pay/transactions/out-trade-no/" + o.outTradeNo
                + "?mchid=" + demo.mchid(), null));
        String where = "cycle " + cycle + ": order " + o.outTradeNo + " (created " + o.created + ", paid " + o.paid + ")";
        if (q.status() == 404) {
            if (o.created == Outcome.OK || o.paid == Outcome.OK) {
                throw new AssertionError(where + ": an acknowledged order is missing after the restart");
            }
            return 0;
        }
        if (q.status() != 200) {
            throw new AssertionError(where + ": query " + q.status() + " " + q.body());
        }
        JsonNode t = SignedClient.parse(q.body());
        if (t.path("amount").path("total").asLong() != o.totalFen) {
            throw new AssertionError(where + ": total " + t.path("amount") + " differs from " + o.totalFen);
        }
        String state = t.path("trade_state").asText();
        boolean paid = state.equals("SUCCESS") || state.equals("REFUND");
        if (o.paid == Outcome.OK && !paid) {
            throw new AssertionError(where + ": an acknowledged payment is missing (" + state + ")");
        }
        if (o.paid == Outcome.NONE && paid) {
            throw new AssertionError(where + ": paid though nobody paid it (" + state + ")");
        }
        o.isPaid = paid;
        if (paid && t.path("amount").path("payer_total").asLong() != o.totalFen) {
            throw new AssertionError(where + ": payer_total " + t.path("amount") + " differs from " + o.totalFen);
        }
        return paid ? o.totalFen : 0;
    }

    /** Checks a refund against the history (waiting for it to settle); returns what it gave back. */
    private long resolveRefund(MerchantClient m, OrderRec o, RefundRec f, int cycle) throws InterruptedException {
        String where = "cycle " + cycle + ": refund " + f.outRefundNo + " of " + o.outTradeNo + " (" + f.outcome + ")";
        MerchantClient.Reply[] q = new MerchantClient.Reply[1];
        waitFor(() -> {
            q[0] = call(() -> m.signed("GET", "/v3/refund/domestic/refunds/" + f.outRefundNo, null));
            return q[0].status() != 200 || !"PROCESSING".equals(SignedClient.parse(q[0].body()).path("status").asText());
        }, 20_000);
        if (q[0].status() == 404) {
            if (f.outcome == Outcome.OK) {
                throw new AssertionError(where + ": an acknowledged refund is missing after the restart");
            }
            f.exists = false;
            return 0;
        }
        JsonNode j = SignedClient.parse(q[0].body());
        if (q[0].status() != 200 || !"SUCCESS".equals(j.path("status").asText())
                || j.path("amount").path("refund").asLong() != f.amountFen) {
            throw new AssertionError(where + ": " + q[0].status() + " " + q[0].body());
        }
        f.exists = true;
        return f.amountFen;
    }

    // ---------------------------------------------------------------- the end: outbox, notifications, verify

    private void finish(ChildGateway child, Endpoints api, CallbackServer site) throws Exception {
        waitFor(() -> pendingNotifications(api) == 0, 60_000);
        if (pendingNotifications(api) != 0) {
            throw new AssertionError("notifications still pending or retrying after 60 s");
        }
        String live = api.admin().stateHash();
        for (int i = 0; i < 20; i++) { // ticks may still settle something; wait for a quiet state
            Thread.sleep(500);
            String again = api.admin().stateHash();
            if (again.equals(live)) {
                break;
            }
            live = again;
        }
        child.kill9();
        kills++;

        Map<String, Integer> paidEvents = new HashMap<>();
        Map<String, Integer> refundEvents = new HashMap<>();
        Set<String> eventIds = new HashSet<>();
        try (RecordQueue events = new RecordQueue(dataDir.resolve("journal").resolve("events"));
             RecordQueue.Reader reader = events.reader()) {
            for (byte[] b = reader.next(); b != null; b = reader.next()) {
                EventRecord e = EventRecord.decode(b, b.length);
                eventIds.add(e.id());
                JsonNode resource = SignedClient.parse(e.plaintext());
                switch (e.eventType()) {
                    case "TRANSACTION.SUCCESS" -> paidEvents.merge(resource.path("out_trade_no").asText(), 1, Integer::sum);
                    case "REFUND.SUCCESS" -> refundEvents.merge(resource.path("out_refund_no").asText(), 1, Integer::sum);
                    default -> throw new AssertionError("unexpected event " + e + " " + e.plaintext());
                }
            }
        }
        Map<String, Integer> wantPaid = new HashMap<>();
        Map<String, Integer> wantRefunds = new HashMap<>();
        for (OrderRec o : allOrders) {
            if (o.isPaid && !o.codepay) {
                wantPaid.put(o.outTradeNo, 1);
            }
            for (RefundRec f : o.refunds) {
                if (f.exists) {
                    wantRefunds.put(f.outRefundNo, 1);
                }
            }
        }
        if (!paidEvents.equals(wantPaid)) {
            throw new AssertionError("outbox TRANSACTION.SUCCESS events " + diff(paidEvents, wantPaid));
        }
        if (!refundEvents.equals(wantRefunds)) {
            throw new AssertionError("outbox REFUND.SUCCESS events " + diff(refundEvents, wantRefunds));
        }
        Set<String> notified = new HashSet<>(site.notificationIds());
        if (!notified.containsAll(eventIds)) {
            Set<String> missing = new HashSet<>(eventIds);
            missing.removeAll(notified);
            throw new AssertionError(missing.size() + " events never reached the merchant: " + missing);
        }
        Cli.Run v = Cli.verify(dataDir);
        if (v.code() != 0 || !live.equals(v.value("state_hash"))) {
            throw new AssertionError("paygate verify (live state " + live + "): " + v);
        }
        System.out.println("CrashHarness: " + wantPaid.size() + " paid native orders, " + wantRefunds.size()
                + " refunds, " + eventIds.size() + " events all delivered; verify state " + live);
    }

    private static int pendingNotifications(Endpoints api) {
        int n = 0;
        for (String status : List.of("PENDING", "RETRYING", "EXHAUSTED")) {
            SignedClient.Response r = api.admin().send("GET", "/admin/v1/notifications?status=" + status + "&limit=1000",
                    null);
            n += r.status() == 200 ? r.json().path("data").size() : 1;
        }
        return n;
    }

    private static String diff(Map<String, Integer> got, Map<String, Integer> want) {
        Map<String, Integer> extra = new HashMap<>(got);
        want.keySet().forEach(extra::remove);
        Map<String, Integer> missing = new HashMap<>(want);
        got.keySet().forEach(missing::remove);
        Map<String, Integer> twice = new HashMap<>(got);
        twice.values().removeIf(c -> c == 1);
        return "differ from the history: missing " + missing.keySet() + ", unexpected " + extra.keySet() + ", repeated "
                + twice;
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** {@code CrashHarness CYCLES DATA_DIR [SEED]}: exit 0 when every check held. */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: CrashHarness CYCLES DATA_DIR [SEED]");
            System.exit(2);
        }
        int cycles = Integer.parseInt(args[0]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : ThreadLocalRandom.current().nextLong();
        Result r = run(Path.of(args[1]).toAbsolutePath(), cycles, seed, false);
        System.out.println("CrashHarness " + (r.ok() ? "OK" : "FAILED: " + r.failure()) + " (" + r.summary() + ")");
        System.exit(r.ok() ? 0 : 1);
    }
}
