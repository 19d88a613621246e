package io.paygate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.paygate.signing.ApiV3Signatures;
import io.paygate.signing.Keys;
import io.paygate.signing.SigningKey;
import io.paygate.signing.Sm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The crypto ceiling of one APIv3 request on this machine, now: verify the merchant's request
 * signature and sign the response, with Paygate's own signing calls ({@code ApiV3Signatures.verify}
 * and {@code ApiV3Signatures.sign}, the calls the gateway makes per request), on every core at once.
 * RSA-2048 keys by default; {@code --sm2}: SM2 keys for both merchant and platform, so each pair is
 * an SM2 verify (SM3withSM2) plus an SM2 sign, the {@code WECHATPAY2-SM2-WITH-SM3} scheme's work per
 * request. The end-to-end rate is stated as a ratio to this figure from the same run.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.paygate.bench.CryptoCeiling [--seconds 10] [--warmup 3] [--warmup-pairs N] [--sm2] [--out FILE]</pre>
 *
 * The warm-up lasts {@code --warmup} seconds and at least until every thread has done
 * {@code --warmup-pairs} pairs (default 500 RSA, 5,000 SM2; at most 60 s): BouncyCastle's SM2 is
 * plain Java that C2 must compile, and on a busy machine a few seconds give it too few iterations
 * (a 1 s warm-up measured SM2 at a fifth of its warm rate).
 */
public final class CryptoCeiling {

    private CryptoCeiling() {
    }

    private static long slowest(AtomicLongArray done) {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < done.length(); i++) {
            min = Math.min(min, done.get(i));
        }
        return min;
    }

    public static void main(String[] args) throws Exception {
        double seconds = 10;
        double warmup = 3;
        boolean sm2 = false;
        long warmupPairs = -1;
        String out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--sm2" -> sm2 = true;
                case "--warmup-pairs" -> warmupPairs = Long.parseLong(args[++i]);
                case "--out" -> out = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (warmupPairs < 0) {
            warmupPairs = sm2 ? 5_000 : 500;
        }
        int threads = Runtime.getRuntime().availableProcessors();
        SecureRandom rnd = new SecureRandom();
        KeyPair merchant = sm2 ? Sm.generateSm2(rnd) : Keys.generateRsa2048(rnd);
        KeyPair platform = sm2 ? Sm.generateSm2(rnd) : Keys.generateRsa2048(rnd);
        SigningKey merchantKey = SigningKey.of("M", merchant.getPrivate());
        SigningKey platformKey = SigningKey.of("P", platform.getPrivate());
        byte[] body = ("{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1900000001\",\"description\":\"Image形象店-深圳腾大-QQ公仔\","
                + "\"out_trade_no\":\"1217752501201407033233368018\",\"notify_url\":\"https://www.weixin.qq.com/wxpay/pay.php\","
                + "\"amount\":{\"total\":100,\"currency\":\"CNY\"}}").getBytes(StandardCharsets.UTF_8);
        byte[] request = ApiV3Signatures.requestMessage("POST", "/v3/pay/transactions/native", "1767571200",
                "593BEC0C930BF1AFEB40B4A08C8FB242", body, 0, body.length);
        String requestSignature = ApiV3Signatures.sign(merchantKey, request);
        byte[] response = ApiV3Signatures.responseMessage("1767571200", "5K8264ILTKCH16CQ2502SI8ZNMTM67VS",
                "{\"code_url\":\"weixin://wxpay/bizpayurl?pr=p4lpSuKzz\"}".getBytes(StandardCharsets.UTF_8));
        // the pair really is what the scheme does: both keys of the scheme, and the response verifies
        if (Sm.isSm2(merchant.getPublic()) != sm2 || Sm.isSm2(platform.getPrivate()) != sm2
                || !ApiV3Signatures.verify(platform.getPublic(), response, ApiV3Signatures.sign(platformKey, response))) {
            throw new IllegalStateException("ceiling set-up is not " + (sm2 ? "SM2" : "RSA"));
        }

        LongAdder pairs = new LongAdder();
        AtomicLongArray done = new AtomicLongArray(threads);
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int slot = t;
            Thread w = new Thread(() -> {
                while (!stop.get()) {
                    if (!ApiV3Signatures.verify(merchant.getPublic(), request, requestSignature)) {
                        throw new IllegalStateException("verification failed");
                    }
                    ApiV3Signatures.sign(platformKey, response);
                    if (counting.get()) {
                        pairs.increment();
                    } else {
                        done.lazySet(slot, done.get(slot) + 1);
                    }
                }
                finished.countDown();
            }, "ceiling-" + t);
            w.start();
            workers.add(w);
        }
        long warmStart = System.nanoTime();
        Thread.sleep((long) (warmup * 1000));
        while (System.nanoTime() - warmStart < 60_000_000_000L && slowest(done) < warmupPairs) {
            Thread.sleep(100);
        }
        double warmedSeconds = (System.nanoTime() - warmStart) / 1e9;
        long warmedPairs = slowest(done);
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = 0;
        for (Thread w : workers) {
            cpu0 += mx.getThreadCpuTime(w.getId());
        }
        counting.set(true);
        long t0 = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        long n = pairs.sum();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long cpu1 = 0;
        for (Thread w : workers) {
            cpu1 += mx.getThreadCpuTime(w.getId());
        }
        double cpuMsPerPair = n == 0 ? Double.NaN : (cpu1 - cpu0) / 1e6 / n;
        stop.set(true);
        finished.await();

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("algorithm", sm2 ? "SM2 (SM3withSM2, BouncyCastle)" : "RSA-2048 SHA256withRSA (JDK)");
        r.put("scheme", sm2 ? "sm2" : "rsa");
        r.put("authorization_schema", ApiV3Signatures.schemaOf(merchantKey));
        r.put("threads", threads);
        r.put("seconds", Math.round(elapsed * 100) / 100.0);
        r.put("warmup_seconds", Math.round(warmedSeconds * 100) / 100.0);
        r.put("warmup_pairs_slowest_thread", warmedPairs);
        r.put("pairs", n);
        r.put("pairs_per_second", Math.round(n / elapsed));
        r.put("pairs_per_second_per_thread", Math.round(n / elapsed / threads));
        // CPU actually spent per pair: on a shared machine the threads also wait for a core
        r.put("cpu_ms_per_pair", Math.round(cpuMsPerPair * 1000) / 1000.0);
        r.put("cpu_share_of_wall", Math.round((cpu1 - cpu0) / 1e9 / elapsed / threads * 100) / 100.0);
        r.put("command", "CryptoCeiling " + String.join(" ", args));
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r);
        if (out != null) {
            Files.writeString(Path.of(out), json);
        }
        System.out.println(json);
        System.err.printf(Locale.ROOT, "crypto ceiling (%s): %d verify+sign pairs/s on %d threads%n", sm2 ? "SM2" : "RSA",
                Math.round(n / elapsed), threads);
    }
}
