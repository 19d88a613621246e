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
import java.util.concurrent.atomic.LongAdder;

/**
 * The crypto ceiling of one APIv3 request on this machine, now: verify the merchant's request
 * signature and sign the response, with Paygate's own signing calls, on every core at once. The
 * end-to-end rate is stated as a ratio to this figure from the same run.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.paygate.bench.CryptoCeiling [--seconds 10] [--warmup 3] [--sm2] [--out FILE]</pre>
 */
public final class CryptoCeiling {

    private CryptoCeiling() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = 10;
        double warmup = 3;
        boolean sm2 = false;
        String out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--sm2" -> sm2 = true;
                case "--out" -> out = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
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

        LongAdder pairs = new LongAdder();
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                while (!stop.get()) {
                    if (!ApiV3Signatures.verify(merchant.getPublic(), request, requestSignature)) {
                        throw new IllegalStateException("verification failed");
                    }
                    ApiV3Signatures.sign(platformKey, response);
                    if (counting.get()) {
                        pairs.increment();
                    }
                }
                finished.countDown();
            }, "ceiling-" + t);
            w.start();
            workers.add(w);
        }
        Thread.sleep((long) (warmup * 1000));
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
        r.put("threads", threads);
        r.put("seconds", Math.round(elapsed * 100) / 100.0);
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
        System.err.printf(Locale.ROOT, "crypto ceiling: %d verify+sign pairs/s on %d threads%n", Math.round(n / elapsed), threads);
    }
}
