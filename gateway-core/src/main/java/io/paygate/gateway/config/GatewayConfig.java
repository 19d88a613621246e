package io.paygate.gateway.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every setting of a running gateway, checked once. Components receive the part they need.
 */
public record GatewayConfig(Mode mode, Path dataDir, Endpoint api, int ioThreads, Endpoint admin, Http http,
                            Auth auth, RingSettings ring, JournalSync journalSync, Business business, Notify notifications,
                            Snapshots snapshots, MetricsSettings metrics) {

    /** Sandbox or production. */
    public enum Mode { SANDBOX, PRODUCTION }

    /** Journal durability. */
    public enum JournalSync { NONE, BATCH }

    /** A listening address. */
    public record Endpoint(String host, int port) {
    }

    /**
     * HTTP limits of the API port. {@code inFlightMax}: requests an event loop holds unanswered at
     * once before it answers new ones 503 at once (overload sheds instead of queueing).
     */
    public record Http(int bodyBytesMax, int headerBytesMax, int requestLineBytesMax, Duration requestDeadline,
                       Duration idleTimeout, int inFlightMax) {
        public Http(int bodyBytesMax, int headerBytesMax, int requestLineBytesMax, Duration requestDeadline,
                    Duration idleTimeout) {
            this(bodyBytesMax, headerBytesMax, requestLineBytesMax, requestDeadline, idleTimeout, IN_FLIGHT_MAX_DEFAULT);
        }
    }

    /** The default of {@code paygate.http.in-flight-max}. */
    public static final int IN_FLIGHT_MAX_DEFAULT = 32;

    /** Request authentication. */
    public record Auth(Duration clockSkew, int replayCacheEntriesMax) {
    }

    /** Business timings and limits; the acceptor stamps them into commands so replay never reads them. */
    public record Business(Duration prepayValidity, long passwordFreeLimitFen, Duration userpayingTimeout,
                           Duration authCodeValidity, Duration tickInterval) {
    }

    /** Merchant notifications. */
    public record Notify(List<Duration> retrySchedule, Duration attemptTimeout, int concurrencyPerMerchant,
                         Set<Integer> allowedPorts, int ioThreads, String trustedCertificatesFile) {
    }

    /** Latency logs. */
    public record MetricsSettings(Duration hlogInterval, Duration hlogRotate, int hlogFilesKept) {
    }

    /** When matcher snapshots are taken, and the share of one core taking one may use. */
    public record Snapshots(long everyCommands, Duration every, double cpuShare) {
    }

    /** The ring. */
    public record RingSettings(int size, String waitStrategy) {
    }

    /** The ring's wait strategies (see {@code Ring}). */
    public static final List<String> WAIT_STRATEGIES = List.of("parking", "blocking", "sleeping", "yielding",
            "busy-spin");

    public boolean sandbox() {
        return mode == Mode.SANDBOX;
    }

    /**
     * Loads the configuration.
     *
     * @param file an optional HOCON file (null for none)
     * @param overrides command-line values by key (e.g. {@code paygate.api.port}), strongest
     */
    public static GatewayConfig load(File file, Map<String, Object> overrides) {
        Config flags = ConfigFactory.parseMap(overrides, "command line");
        Config fromFile = ConfigFactory.empty();
        if (file != null) {
            if (!file.isFile()) {
                throw new IllegalArgumentException("--config: no such file " + file);
            }
            fromFile = ConfigFactory.parseFile(file);
        }
        Config env = environmentOverrides();
        Config merged = flags.withFallback(env).withFallback(fromFile)
                .withFallback(ConfigFactory.defaultReference()).resolve();
        return from(merged);
    }

    /** PAYGATE_* variables beat the config file (reference.conf alone could not do that). */
    private static Config environmentOverrides() {
        Map<String, String> names = Map.of(
                "PAYGATE_MODE", "paygate.mode",
                "PAYGATE_DATA_DIR", "paygate.data-dir",
                "PAYGATE_API_HOST", "paygate.api.host",
                "PAYGATE_API_PORT", "paygate.api.port",
                "PAYGATE_API_IO_THREADS", "paygate.api.io-threads",
                "PAYGATE_ADMIN_HOST", "paygate.admin.host",
                "PAYGATE_ADMIN_PORT", "paygate.admin.port",
                "PAYGATE_JOURNAL_SYNC", "paygate.journal.sync");
        Config c = ConfigFactory.empty();
        for (var e : names.entrySet()) {
            String v = System.getenv(e.getKey());
            if (v != null && !v.isEmpty()) {
                c = c.withValue(e.getValue(), ConfigValueFactory.fromAnyRef(v, "environment " + e.getKey()));
            }
        }
        return c;
    }

    static GatewayConfig from(Config c) {
        try {
            Mode mode = enumValue(c, "paygate.mode", Mode.class);
            Endpoint api = new Endpoint(c.getString("paygate.api.host"), port(c, "paygate.api.port"));
            Endpoint admin = new Endpoint(c.getString("paygate.admin.host"), port(c, "paygate.admin.port"));
            int ioThreads = range(c, "paygate.api.io-threads", 0, 256);
            Http http = new Http(range(c, "paygate.http.body-bytes-max", 1024, 1 << 20),
                    range(c, "paygate.http.header-bytes-max", 1024, 1 << 16),
                    range(c, "paygate.http.request-line-bytes-max", 256, 1 << 16),
                    positive(c, "paygate.http.request-deadline"), positive(c, "paygate.http.idle-timeout"),
                    range(c, "paygate.http.in-flight-max", 1, 1 << 20));
            Auth auth = new Auth(positive(c, "paygate.auth.clock-skew"),
                    range(c, "paygate.auth.replay-cache-entries-max", 1024, 100_000_000));
            int ringSize = range(c, "paygate.ring.size", 64, 1 << 24);
            if (Integer.bitCount(ringSize) != 1) {
                throw new IllegalArgumentException("paygate.ring.size must be a power of two, was " + ringSize);
            }
            String waitStrategy = c.getString("paygate.ring.wait-strategy");
            if (!WAIT_STRATEGIES.contains(waitStrategy)) {
                throw new IllegalArgumentException("paygate.ring.wait-strategy: unknown strategy '" + waitStrategy
                        + "' (one of " + WAIT_STRATEGIES + ")");
            }
            RingSettings ring = new RingSettings(ringSize, waitStrategy);
            JournalSync sync = enumValue(c, "paygate.journal.sync", JournalSync.class);
            long limit = c.getLong("paygate.codepay.password-free-limit-fen");
            if (limit < 0 || limit > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("paygate.codepay.password-free-limit-fen must be in [0, "
                        + Integer.MAX_VALUE + "], was " + limit);
            }
            Business business = new Business(positive(c, "paygate.orders.prepay-validity"), limit,
                    positive(c, "paygate.codepay.userpaying-timeout"), positive(c, "paygate.sandbox.auth-code-validity"),
                    positive(c, "paygate.ticker.interval"));
            if (api.port() != 0 && api.port() == admin.port()) {
                throw new IllegalArgumentException("paygate.api.port and paygate.admin.port must differ");
            }
            Notify notifications = notifications(c);
            Snapshots snapshots = new Snapshots(range(c, "paygate.snapshot.every-commands", 1, Integer.MAX_VALUE),
                    positive(c, "paygate.snapshot.every"), share(c, "paygate.snapshot.cpu-share"));
            MetricsSettings metrics = new MetricsSettings(positive(c, "paygate.metrics.hlog-interval"),
                    positive(c, "paygate.metrics.hlog-rotate"), range(c, "paygate.metrics.hlog-files-kept", 1, 100_000));
            Path dataDir = Path.of(c.getString("paygate.data-dir")).toAbsolutePath().normalize();
            return new GatewayConfig(mode, dataDir, api, ioThreads,
                    admin, http, auth, ring, sync, business, notifications, snapshots, metrics);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static Notify notifications(Config c) {
        List<Duration> schedule = c.getDurationList("paygate.notify.retry-schedule");
        if (schedule.size() > 100) {
            throw new IllegalArgumentException("paygate.notify.retry-schedule has more than 100 delays");
        }
        for (Duration d : schedule) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("paygate.notify.retry-schedule: delays must not be negative, was " + d);
            }
        }
        Set<Integer> ports = new TreeSet<>(c.getIntList("paygate.notify.allowed-ports"));
        for (int p : ports) {
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("paygate.notify.allowed-ports: " + p + " is not a port");
            }
        }
        return new Notify(List.copyOf(schedule), positive(c, "paygate.notify.attempt-timeout"),
                range(c, "paygate.notify.concurrency-per-merchant", 1, 1024), Set.copyOf(ports),
                range(c, "paygate.notify.io-threads", 0, 256), c.getString("paygate.notify.trusted-certificates-file"));
    }

    private static <E extends Enum<E>> E enumValue(Config c, String key, Class<E> type) {
        String v = c.getString(key);
        try {
            return Enum.valueOf(type, v.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": unknown value '" + v + "'", e);
        }
    }

    private static int port(Config c, String key) {
        return range(c, key, 0, 65535);
    }

    private static int range(Config c, String key, int min, int max) {
        int v = c.getInt(key);
        if (v < min || v > max) {
            throw new IllegalArgumentException(key + " must be in [" + min + ", " + max + "], was " + v);
        }
        return v;
    }

    private static double share(Config c, String key) {
        double v = c.getDouble(key);
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException(key + " must be in (0, 1], was " + v);
        }
        return v;
    }

    private static Duration positive(Config c, String key) {
        Duration d = c.getDuration(key);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, was " + d);
        }
        return d;
    }
}
