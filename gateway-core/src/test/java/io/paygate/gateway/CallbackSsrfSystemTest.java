package io.paygate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.paygate.codec.event.EventRecord;
import io.paygate.gateway.admin.MerchantInfo;
import io.paygate.gateway.admin.PlatformKeyStore;
import io.paygate.gateway.cli.MerchantClient;
import io.paygate.gateway.journal.RecordQueue;
import io.paygate.gateway.notify.CallbackPolicy;
import io.paygate.gateway.notify.NettySender;
import io.paygate.gateway.notify.NotificationView;
import io.paygate.gateway.notify.Notifier;
import io.paygate.gateway.notify.RetrySchedule;
import io.paygate.gateway.notify.TlsTrust;
import io.paygate.gateway.respond.PlatformCredentials;
import io.paygate.gateway.support.AdminClient;
import io.paygate.gateway.support.ConnectionCounter;
import io.paygate.gateway.support.SignedClient;
import io.paygate.gateway.support.TableResolver;
import io.paygate.gateway.support.TestGateway;
import io.paygate.gateway.verify.MerchantDirectory;
import io.paygate.signing.Keys;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SSRF, end to end, against a local target that counts connections: a production-mode gateway
 * refuses every forbidden notify_url form at order creation with 400 PARAM_ERROR naming notify_url
 * (its host names resolved by a DNS table the test controls), and a host that passed at creation
 * but is rebound to loopback is refused again at delivery without a single connection.
 */
class CallbackSsrfSystemTest {

    static final String PUBLIC = "93.184.216.34";

    @TempDir
    static Path dir;
    static ConnectionCounter target;
    static TableResolver dns;
    static TestGateway gw;
    static MerchantInfo merchant;
    static MerchantClient client;
    static final AtomicInteger orders = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        target = new ConnectionCounter();
        dns = new TableResolver()
                .bind("merchant.example", PUBLIC)
                .bind("rebind.example", PUBLIC)
                .bind("localhost", "127.0.0.1")
                .bind("loopback.example", "127.0.0.1")
                .bind("v6-loopback.example", "::1")
                .bind("internal.example", "10.20.30.40")
                .bind("metadata.example", "169.254.169.254")
                .bind("cgnat.example", "100.64.1.2")
                .bind("mapped.example", "::ffff:127.0.0.1")
                .bind("ula.example", "fd00::1")
                .bind("mixed.example", PUBLIC, "192.168.1.10");
        gw = TestGateway.start(dir.resolve("gw"), Map.of("paygate.mode", "production",
                "paygate.notify.allowed-ports", List.of(443, target.port())), dns);
        merchant = AdminClient.of(gw).provisionMerchant("ssrf", dir).info();
        client = new MerchantClient(merchant, gw.apiBaseUrl());
    }

    @AfterAll
    static void stop() throws Exception {
        gw.close();
        target.close();
    }

    static MerchantClient.Reply order(String notifyUrl) {
        String body = SignedClient.mapper().createObjectNode()
                .put("appid", merchant.appid())
                .put("mchid", merchant.mchid())
                .put("description", "ssrf")
                .put("out_trade_no", String.format("SSRF_%05d", orders.incrementAndGet()))
                .put("notify_url", notifyUrl)
                .set("amount", SignedClient.mapper().createObjectNode().put("total", 1)).toString();
        return client.signed("POST", "/v3/pay/transactions/native", body);
    }

    String at(String hostAndMaybePort) {
        return "https://" + hostAndMaybePort + ":" + target.port() + "/notify";
    }

    @Test
    void everyForbiddenNotifyUrlIsRefusedAtOrderCreationWithAParamError() {
        int p = target.port();
        List<String> forbidden = List.of(
                "http://merchant.example:" + p + "/notify",
                at("127.0.0.1"), at("localhost"), at("loopback.example"), at("v6-loopback.example"),
                at("2130706433"), at("0x7f000001"), at("0177.0.0.1"), at("127.1"), at("[::1]"),
                at("[::ffff:127.0.0.1]"), at("mapped.example"),
                at("10.0.0.1"), at("internal.example"), at("172.16.0.1"), at("192.168.1.1"), at("169.254.169.254"),
                at("metadata.example"), at("100.64.0.1"), at("cgnat.example"), at("0.0.0.0"), at("[fd00::1]"),
                at("ula.example"), at("[fe80::1]"), at("mixed.example"), at("nxdomain.example"),
                "https://merchant.example:8080/notify",
                "https://user:secret@merchant.example:" + p + "/notify");
        List<String> accepted = new ArrayList<>();
        for (String url : forbidden) {
            MerchantClient.Reply r = order(url);
            if (r.status() != 400 || !"PARAM_ERROR".equals(r.json().get("code"))
                    || !String.valueOf(r.json().get("message")).contains("notify_url")) {
                accepted.add(url + " -> " + r.status() + " " + r.body());
            }
        }
        assertThat(accepted).as("forbidden notify_urls not refused with PARAM_ERROR naming notify_url").isEmpty();
        assertThat(target.connections()).isZero();
        // and the same gateway takes a public one (so the refusals are about the URLs)
        assertThat(order(at("merchant.example")).status()).isEqualTo(200);
        assertThat(order("https://merchant.example/notify").status()).isEqualTo(200);
        assertThat(order("https://" + PUBLIC + ":" + p + "/notify").status()).isEqualTo(200);
    }

    @Test
    void aRefundsNotifyUrlIsCheckedTheSameWay() {
        // checked before the refund reaches the matcher: the order need not exist for the URL to be refused
        for (String url : List.of(at("127.0.0.1"), at("localhost"), at("[::ffff:169.254.169.254]"), at("0x0a000001"),
                "http://merchant.example:" + target.port() + "/refund", "https://merchant.example:8080/refund")) {
            String body = "{\"out_trade_no\":\"SSRF_NO_SUCH\",\"out_refund_no\":\"SSRF_R_1\",\"notify_url\":\"" + url
                    + "\",\"amount\":{\"refund\":1,\"total\":1,\"currency\":\"CNY\"}}";
            MerchantClient.Reply r = client.signed("POST", "/v3/refund/domestic/refunds", body);
            assertThat(r.status()).as(url).isEqualTo(400);
            assertThat(r.json()).as(url).containsEntry("code", "PARAM_ERROR");
            assertThat(String.valueOf(r.json().get("message"))).as(url).contains("notify_url");
        }
        assertThat(target.connections()).isZero();
    }

    @Test
    void aHostReboundToLoopbackAfterCreationIsRefusedAtDeliveryWithoutAConnection() throws Exception {
        String rebinding = at("rebind.example");
        assertThat(order(rebinding).status()).as("public at creation").isEqualTo(200);
        dns.bind("rebind.example", "127.0.0.1"); // DNS rebinding

        // the notifier as Gateway.startNotifier builds it: production policy, the same resolver
        CallbackPolicy production = new CallbackPolicy(false, Set.of(443, target.port()));
        List<String> urls = List.of(rebinding, at("mixed.example"), at("127.0.0.1"), at("[::ffff:127.0.0.1]"),
                at("0x7f000001"), "http://merchant.example:" + target.port() + "/notify", at("nxdomain.example"));
        int lookupsBefore = dns.lookups();
        Map<String, NotificationView> views = deliverOnce(dir.resolve("prod-notify"), production, urls);
        assertThat(dns.lookups()).as("names are resolved again at delivery").isGreaterThan(lookupsBefore);

        assertThat(target.connections()).as("connections to the local target").isZero();
        assertThat(views.get(rebinding).lastError()).isEqualTo("refused-address");
        assertThat(views.get(rebinding).status()).isEqualTo("EXHAUSTED");
        for (String url : urls.subList(1, 6)) {
            assertThat(views.get(url).lastError()).as(url).isEqualTo("refused-address");
        }
        assertThat(views.get(at("nxdomain.example")).lastError()).isEqualTo("dns");
        assertThat(views.values()).allMatch(v -> v.lastHttpStatus() == 0 && v.attempts() == 1);
    }

    @Test
    void theSameNotifierInSandboxModeDoesReachTheTargetSoTheCounterCounts() throws Exception {
        try (ConnectionCounter control = new ConnectionCounter()) {
            String url = "http://127.0.0.1:" + control.port() + "/notify";
            Map<String, NotificationView> views = deliverOnce(dir.resolve("sandbox-notify"),
                    new CallbackPolicy(true, Set.of()), List.of(url));
            assertThat(control.connections()).isPositive();
            assertThat(views.get(url).lastError()).isNotEqualTo("refused-address");
        }
    }

    /**
     * Journals one notification per URL for the provisioned merchant and lets a notifier built like
     * Gateway.startNotifier (real NettySender, this test's resolver) make one attempt at each.
     */
    static Map<String, NotificationView> deliverOnce(Path queues, CallbackPolicy policy, List<String> urls)
            throws Exception {
        MerchantDirectory directory = new MerchantDirectory();
        directory.register(merchant.mchid(), merchant.appid(), merchant.merchantSerialNo(),
                Keys.generateRsa2048(new SecureRandom()).getPublic().getEncoded(), merchant.apiv3Key());
        PlatformCredentials platform = new PlatformKeyStore(gw.dataDir()).loadOrCreate(new SecureRandom());
        Map<String, NotificationView> byUrl = new HashMap<>();
        try (RecordQueue events = new RecordQueue(queues.resolve("events"));
             RecordQueue deliveries = new RecordQueue(queues.resolve("deliveries"))) {
            long seq = 1 << 8;
            for (String url : urls) {
                events.append(new EventRecord(seq, String.format("EV-%019d", seq), "TRANSACTION.SUCCESS",
                        merchant.mchid(), url, System.currentTimeMillis(), "transaction", "支付成功",
                        "{\"out_trade_no\":\"SSRF\"}").encode());
                seq += 1 << 8;
            }
            NettySender sender = new NettySender(policy, dns, directory, platform, 1_000, new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory()),
                    NioSocketChannel.class, TlsTrust.clientContext(""));
            Notifier notifier = new Notifier(events, deliveries, sender, new RetrySchedule(List.of()), 4,
                    System::currentTimeMillis);
            try {
                notifier.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> notifier.list(null, null, 100)
                        .get(5, TimeUnit.SECONDS).stream().allMatch(v -> v.attempts() == 1));
                for (NotificationView v : notifier.list(null, null, 100).get(5, TimeUnit.SECONDS)) {
                    byUrl.put(v.notifyUrl(), v);
                }
            } finally {
                notifier.close();
            }
        }
        return byUrl;
    }
}
