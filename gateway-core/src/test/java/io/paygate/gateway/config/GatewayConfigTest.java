package io.paygate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GatewayConfigTest {

    @TempDir
    Path dir;

    /** PAYGATE_* variables beat the file and the defaults; these tests need a clean environment. */
    @BeforeAll
    static void noPaygateEnvironment() {
        assumeTrue(System.getenv().keySet().stream().noneMatch(k -> k.startsWith("PAYGATE_")),
                "PAYGATE_* environment variables are set");
    }

    File hocon(String text) throws IOException {
        Path f = dir.resolve("paygate.conf");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f.toFile();
    }

    static GatewayConfig load(Map<String, Object> overrides) {
        return GatewayConfig.load(null, overrides);
    }

    @Test
    void defaultsComeFromReferenceConf() {
        GatewayConfig c = load(Map.of());
        assertThat(c.mode()).isEqualTo(GatewayConfig.Mode.SANDBOX);
        assertThat(c.sandbox()).isTrue();
        assertThat(c.api()).isEqualTo(new GatewayConfig.Endpoint("127.0.0.1", 8080));
        assertThat(c.admin()).isEqualTo(new GatewayConfig.Endpoint("127.0.0.1", 8081));
        assertThat(c.ioThreads()).isZero();
        assertThat(c.dataDir()).isEqualTo(Path.of("./data").toAbsolutePath().normalize());
        assertThat(c.dataDir()).isAbsolute();
        assertThat(c.ring().size()).isEqualTo(16384);
        assertThat(c.ring().waitStrategy()).isEqualTo("parking");
        assertThat(c.journalSync()).isEqualTo(GatewayConfig.JournalSync.NONE);
        assertThat(c.http()).isEqualTo(new GatewayConfig.Http(65536, 8192, 4096, Duration.ofSeconds(10),
                Duration.ofSeconds(60)));
        assertThat(c.auth()).isEqualTo(new GatewayConfig.Auth(Duration.ofMinutes(5), 2_000_000));
        assertThat(c.snapshots()).isEqualTo(new GatewayConfig.Snapshots(100_000, Duration.ofMinutes(10), 0.1));
    }

    @Test
    void hoconFileBeatsTheDefaults() throws IOException {
        File f = hocon("""
                paygate {
                  mode = production
                  data-dir = "/var/lib/paygate"
                  api.port = 9000
                  ring.size = 1024
                  journal.sync = batch
                  http.request-deadline = 3s
                }
                """);
        GatewayConfig c = GatewayConfig.load(f, Map.of());
        assertThat(c.mode()).isEqualTo(GatewayConfig.Mode.PRODUCTION);
        assertThat(c.sandbox()).isFalse();
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/paygate"));
        assertThat(c.api().port()).isEqualTo(9000);
        assertThat(c.ring().size()).isEqualTo(1024);
        assertThat(c.journalSync()).isEqualTo(GatewayConfig.JournalSync.BATCH);
        assertThat(c.http().requestDeadline()).isEqualTo(Duration.ofSeconds(3));
        // untouched keys keep their defaults
        assertThat(c.admin().port()).isEqualTo(8081);
        assertThat(c.http().bodyBytesMax()).isEqualTo(65536);
    }

    @Test
    void overridesBeatTheFile() throws IOException {
        File f = hocon("paygate { api.port = 9000, admin.port = 9001, mode = production }");
        GatewayConfig c = GatewayConfig.load(f, Map.of("paygate.api.port", 9100, "paygate.mode", "sandbox"));
        assertThat(c.api().port()).isEqualTo(9100);
        assertThat(c.mode()).isEqualTo(GatewayConfig.Mode.SANDBOX);
        assertThat(c.admin().port()).isEqualTo(9001);
    }

    @Test
    void overridesBeatTheDefaults() {
        GatewayConfig c = load(Map.of("paygate.data-dir", dir.toString(), "paygate.journal.sync", "batch",
                "paygate.api.io-threads", 2));
        assertThat(c.dataDir()).isEqualTo(dir.toAbsolutePath().normalize());
        assertThat(c.journalSync()).isEqualTo(GatewayConfig.JournalSync.BATCH);
        assertThat(c.ioThreads()).isEqualTo(2);
    }

    @Test
    void enumValuesIgnoreCaseAndDashes() {
        GatewayConfig c = load(Map.of("paygate.mode", " Production ", "paygate.journal.sync", "BATCH"));
        assertThat(c.mode()).isEqualTo(GatewayConfig.Mode.PRODUCTION);
        assertThat(c.journalSync()).isEqualTo(GatewayConfig.JournalSync.BATCH);
    }

    @Test
    void ephemeralPortsMayBothBeZero() {
        GatewayConfig c = load(Map.of("paygate.api.port", 0, "paygate.admin.port", 0));
        assertThat(c.api().port()).isZero();
        assertThat(c.admin().port()).isZero();
    }

    @Test
    void missingConfigFileIsRefused() {
        File missing = dir.resolve("nope.conf").toFile();
        assertThatThrownBy(() -> GatewayConfig.load(missing, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--config")
                .hasMessageContaining("nope.conf");
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                Arguments.of(Map.of("paygate.ring.size", 1000), "paygate.ring.size"),
                Arguments.of(Map.of("paygate.ring.size", 16385), "paygate.ring.size"),
                Arguments.of(Map.of("paygate.ring.size", 32), "paygate.ring.size"),
                Arguments.of(Map.of("paygate.ring.size", 1 << 25), "paygate.ring.size"),
                Arguments.of(Map.of("paygate.api.port", 70000), "paygate.api.port"),
                Arguments.of(Map.of("paygate.admin.port", 65536), "paygate.admin.port"),
                Arguments.of(Map.of("paygate.api.port", -1), "paygate.api.port"),
                Arguments.of(Map.of("paygate.api.port", 9000, "paygate.admin.port", 9000), "paygate.admin.port"),
                Arguments.of(Map.of("paygate.mode", "staging"), "paygate.mode"),
                Arguments.of(Map.of("paygate.journal.sync", "always"), "paygate.journal.sync"),
                Arguments.of(Map.of("paygate.http.request-deadline", "-1s"), "paygate.http.request-deadline"),
                Arguments.of(Map.of("paygate.http.request-deadline", "0s"), "paygate.http.request-deadline"),
                Arguments.of(Map.of("paygate.http.idle-timeout", "-5s"), "paygate.http.idle-timeout"),
                Arguments.of(Map.of("paygate.auth.clock-skew", "-1m"), "paygate.auth.clock-skew"),
                Arguments.of(Map.of("paygate.http.body-bytes-max", 100), "paygate.http.body-bytes-max"),
                Arguments.of(Map.of("paygate.http.header-bytes-max", 1 << 20), "paygate.http.header-bytes-max"),
                Arguments.of(Map.of("paygate.http.request-line-bytes-max", 10), "paygate.http.request-line-bytes-max"),
                Arguments.of(Map.of("paygate.auth.replay-cache-entries-max", 10), "paygate.auth.replay-cache-entries-max"),
                Arguments.of(Map.of("paygate.snapshot.cpu-share", 0), "paygate.snapshot.cpu-share"),
                Arguments.of(Map.of("paygate.snapshot.cpu-share", 1.5), "paygate.snapshot.cpu-share"),
                Arguments.of(Map.of("paygate.api.io-threads", 1000), "paygate.api.io-threads"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidValues")
    void invalidValueIsRefusedNamingTheKey(Map<String, Object> overrides, String key) {
        assertThatThrownBy(() -> load(overrides))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key);
    }

    @Test
    void equalPortsMessageNamesBothKeys() {
        assertThatThrownBy(() -> load(Map.of("paygate.api.port", 9000, "paygate.admin.port", 9000)))
                .hasMessageContaining("paygate.api.port")
                .hasMessageContaining("paygate.admin.port");
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("paygate.api.port", "eighty"),
                Arguments.of("paygate.ring.size", "big"),
                Arguments.of("paygate.http.request-deadline", "soon"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("wrongTypes")
    void valueOfTheWrongTypeIsRefusedNamingTheKey(String key, String value) {
        Map<String, Object> o = new HashMap<>();
        o.put(key, value);
        // Typesafe Config names the path below "paygate" (e.g. "api.port"), not the full key
        assertThatThrownBy(() -> load(o))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key.substring("paygate.".length()));
    }

    @Test
    void malformedHoconIsRefused() throws IOException {
        File f = hocon("paygate { api.port = ");
        assertThatThrownBy(() -> GatewayConfig.load(f, Map.of())).isInstanceOf(RuntimeException.class);
    }

    @Test
    void unknownWaitStrategyIsRefused() {
        assertThatThrownBy(() -> load(Map.of("paygate.ring.wait-strategy", "turbo")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("paygate.ring.wait-strategy");
    }
}
