package io.paygate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.wechat.pay.java.core.notification.NotificationConfig;
import com.wechat.pay.java.service.payments.model.Transaction;
import io.paygate.gateway.cli.MerchantClient;
import io.paygate.gateway.support.CallbackServer;
import io.paygate.gateway.support.NotificationLog;
import io.paygate.gateway.support.Notifications;
import io.paygate.gateway.support.SandboxPayments;
import io.paygate.gateway.support.SdkClients;
import io.paygate.gateway.support.TableResolver;
import io.paygate.gateway.support.TestGateway;
import io.paygate.gateway.support.TestTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifications over HTTPS: a merchant endpoint whose certificate the gateway trusts (through
 * {@code paygate.notify.trusted-certificates-file}, as with a private CA) gets them; one with an
 * unknown certificate, or a certificate for another name, gets none (the attempt fails as "tls"
 * before any request is sent).
 */
class NotificationTlsSystemTest {

    @TempDir
    static Path dir;
    static TestTls trusted;
    static TestTls otherName;
    static TestGateway gw;
    static MerchantClient merchant;
    static String payer;
    static NotificationLog log;
    static final AtomicInteger orders = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        trusted = TestTls.selfSigned("localhost");
        otherName = TestTls.selfSigned("other.example");
        Path bundle = dir.resolve("merchant-cas.pem");
        Files.writeString(bundle, Files.readString(trusted.writePem(dir.resolve("a.pem")))
                + Files.readString(otherName.writePem(dir.resolve("b.pem"))));
        gw = TestGateway.start(dir.resolve("gw"), Map.of(
                "paygate.notify.trusted-certificates-file", bundle.toString(),
                "paygate.notify.retry-schedule", List.of("100ms", "100ms")),
                new TableResolver().bind("localhost", "127.0.0.1"));
        merchant = new MerchantClient(gw.demo(), gw.apiBaseUrl());
        payer = merchant.newPayer(1_000_000);
        log = NotificationLog.of(gw);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    static JsonNode payAndAwaitFinal(String url) {
        SandboxPayments.payNative(merchant, payer, String.format("TLS_%05d", orders.incrementAndGet()), 100, url);
        await().atMost(Duration.ofSeconds(15)).until(() -> log.ofMerchant(gw.demo().mchid()).stream().anyMatch(n ->
                n.path("notify_url").asText().equals(url) && (n.path("status").asText().equals("DELIVERED")
                        || n.path("status").asText().equals("EXHAUSTED"))));
        return log.ofMerchant(gw.demo().mchid()).stream().filter(n -> n.path("notify_url").asText().equals(url))
                .findFirst().orElseThrow();
    }

    @Test
    void anHttpsEndpointWithATrustedCertificateGetsTheNotification() throws Exception {
        try (CallbackServer cb = new CallbackServer(trusted.serverContext())) {
            assertThat(cb.url("/tls")).startsWith("https://localhost:");
            JsonNode view = payAndAwaitFinal(cb.url("/tls"));
            assertThat(view.path("status").asText()).isEqualTo("DELIVERED");
            assertThat(cb.requests()).isEqualTo(1);
            Transaction t = Notifications.parse((NotificationConfig) SdkClients.publicKeyConfig(gw.demo()),
                    cb.received().get(0), Transaction.class);
            assertThat(t.getTradeState()).isEqualTo(Transaction.TradeStateEnum.SUCCESS);
        }
    }

    @Test
    void anUntrustedCertificateFailsEveryAttemptBeforeARequestIsSent() throws Exception {
        try (CallbackServer cb = new CallbackServer(TestTls.selfSigned("localhost").serverContext())) {
            JsonNode view = payAndAwaitFinal(cb.url("/untrusted"));
            assertThat(view.path("status").asText()).isEqualTo("EXHAUSTED");
            assertThat(view.path("attempts").asInt()).isEqualTo(3);
            assertThat(view.path("last_error").asText()).isNotBlank();
            assertThat(view.path("last_http_status").asInt()).isZero();
            assertThat(cb.requests()).isZero();
        }
    }

    @Test
    void aTrustedCertificateForAnotherNameFailsTheHostNameCheck() throws Exception {
        try (CallbackServer cb = new CallbackServer(otherName.serverContext())) {
            JsonNode view = payAndAwaitFinal(cb.url("/wrong-name"));
            assertThat(view.path("status").asText()).isEqualTo("EXHAUSTED");
            assertThat(view.path("last_error").asText()).isNotBlank();
            assertThat(cb.requests()).isZero();
        }
    }

    @Test
    void aFailedTlsHandshakeIsJournaledAsTls() throws Exception {
        try (CallbackServer cb = new CallbackServer(TestTls.selfSigned("localhost").serverContext())) {
            JsonNode view = payAndAwaitFinal(cb.url("/untrusted-tls"));
            assertThat(view.path("last_error").asText()).isEqualTo("tls");
        }
    }
}
