package io.paygate.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.paygate.codec.command.Command;
import io.paygate.codec.command.CommandType;
import io.paygate.codec.event.DeliveryRecord;
import io.paygate.codec.event.EventRecord;
import io.paygate.codec.event.Frames;
import io.paygate.gateway.acceptor.ApiHandler;
import io.paygate.gateway.admin.AdminHandler;
import io.paygate.gateway.admin.DataDir;
import io.paygate.gateway.admin.DemoMerchant;
import io.paygate.gateway.admin.MerchantInfo;
import io.paygate.gateway.admin.MerchantProvisioner;
import io.paygate.gateway.admin.PlatformKeyStore;
import io.paygate.gateway.config.GatewayConfig;
import io.paygate.gateway.journal.ChronicleJournal;
import io.paygate.gateway.journal.Journal;
import io.paygate.gateway.journal.JournalCorruptException;
import io.paygate.gateway.journal.JournalStage;
import io.paygate.gateway.journal.Pacer;
import io.paygate.gateway.journal.RecordQueue;
import io.paygate.gateway.journal.SnapshotStore;
import io.paygate.gateway.journal.SnapshotWriter;
import io.paygate.gateway.notify.CallbackPolicy;
import io.paygate.gateway.notify.HostResolver;
import io.paygate.gateway.notify.NettySender;
import io.paygate.gateway.notify.Notifier;
import io.paygate.gateway.notify.OutboxStage;
import io.paygate.gateway.notify.RetrySchedule;
import io.paygate.gateway.notify.TlsTrust;
import io.paygate.gateway.matcher.MatchResult;
import io.paygate.gateway.matcher.Matcher;
import io.paygate.gateway.matcher.Merchant;
import io.paygate.gateway.metrics.Gauges;
import io.paygate.gateway.metrics.Metrics;
import io.paygate.gateway.metrics.MetricsSampler;
import io.paygate.gateway.metrics.PrometheusExporter;
import io.paygate.gateway.matcher.ResultCode;
import io.paygate.gateway.respond.PlatformCredentials;
import io.paygate.gateway.respond.RespondStage;
import io.paygate.gateway.sequence.Intake;
import io.paygate.gateway.sequence.MatcherStage;
import io.paygate.gateway.sequence.Ring;
import io.paygate.gateway.sequence.StageListener;
import io.paygate.gateway.sequence.Ticker;
import io.paygate.gateway.verify.MerchantDirectory;
import io.paygate.gateway.verify.NonceLog;
import io.paygate.gateway.verify.ReplayGuard;
import io.paygate.gateway.verify.RequestAuthenticator;
import io.paygate.signing.Certificates;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: its data dir, journal, matcher, ring and the two ports. {@link #start} recovers
 * the state from the journal before intake opens; {@link #close} drains and stops in reverse order.
 */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final GatewayConfig config;
    private final DataDir dataDir;
    private final Journal journal;
    /** Recovery finished: a stop may record the journal's high-water mark. */
    private volatile boolean recovered;
    /** The last recovery: its duration and how many journaled commands it replayed (for /metrics). */
    private volatile long recoveryNanos;
    private volatile long recoveryReplayed;
    private Matcher matcher = new Matcher();
    private final Intake intake = new Intake();
    private final MerchantDirectory directory = new MerchantDirectory();
    private final SecureRandom random = new SecureRandom();
    private Ring ring;
    private Ticker ticker;
    private final Metrics metrics = new Metrics();
    private MetricsSampler sampler;
    private NonceLog nonceLog;
    private final HostResolver resolver;
    private final SnapshotStore snapshots;
    private SnapshotWriter snapshotWriter;
    private RecordQueue events;
    private RecordQueue deliveries;
    private Notifier notifier;
    private EventLoopGroup notifyGroup;
    private EventLoopGroup apiGroup;
    private EventLoopGroup adminGroup;
    private Channel apiChannel;
    private Channel adminChannel;
    private PlatformCredentials platform;
    private PlatformKeyStore keyStore;
    private String adminToken;
    private MerchantInfo demoMerchant;
    private MerchantProvisioner provisioner;

    private Gateway(GatewayConfig config, Options options) {
        this.config = config;
        this.resolver = options.resolver();
        this.dataDir = new DataDir(config.dataDir()).lock();
        Journal opened;
        try {
            opened = options.journal().apply(new ChronicleJournal(dataDir.journalDir()));
        } catch (RuntimeException e) {
            dataDir.close();
            throw e;
        }
        this.journal = opened;
        this.snapshots = new SnapshotStore(dataDir.root().resolve("snapshots"));
    }

    /** Starts a gateway: recover, start the ring, bind both ports, open intake, provision the demo merchant. */
    public static Gateway start(GatewayConfig config) throws Exception {
        return start(config, HostResolver.system());
    }

    /** Starts a gateway that resolves callback hosts with {@code resolver} (tests use their own table). */
    public static Gateway start(GatewayConfig config, HostResolver resolver) throws Exception {
        return start(config, new Options(resolver, UnaryOperator.identity()));
    }

    /**
     * What a test may substitute: the callback host resolver, and a wrapper around the journal
     * (fault injection: failing appends or syncs must halt intake).
     */
    public record Options(HostResolver resolver, UnaryOperator<Journal> journal) {
    }

    /** Starts a gateway with substitutes for its resolver and journal. */
    public static Gateway start(GatewayConfig config, Options options) throws Exception {
        Gateway g = new Gateway(config, options);
        try {
            g.startUp();
            return g;
        } catch (Exception | Error e) {
            g.close();
            throw e;
        }
    }

    private void startUp() throws Exception {
        long t0 = System.nanoTime();
        keyStore = new PlatformKeyStore(dataDir.root());
        platform = keyStore.loadOrCreate(random);
        adminToken = dataDir.adminToken(random);
        directory.persistPreferencesTo(dataDir.root().resolve("merchant-platform-keys.properties"));
        StageListener listener = metrics;
        events = new RecordQueue(dataDir.journalDir().resolveSibling("events"),
                (b, n) -> Frames.open(b, n, Frames.TYPE_EVENT, EventRecord.VERSION));
        deliveries = new RecordQueue(dataDir.journalDir().resolveSibling("deliveries"),
                (b, n) -> Frames.open(b, n, Frames.TYPE_DELIVERY, DeliveryRecord.VERSION));
        OutboxStage outbox = new OutboxStage(events, intake, listener);
        recover(outbox, t0);
        events.handOver(); // the ring's outbox thread writes from now on

        ring = new Ring(config.ring().size(), config.ring().waitStrategy());
        snapshotWriter = new SnapshotWriter(snapshots, journal, this::replicaStart, outbox::processedSequence,
                intake::halt, new Pacer(config.snapshots().cpuShare()));
        MatcherStage matcherStage = new MatcherStage(matcher, intake, listener).snapshotTo(snapshotWriter::submit,
                config.snapshots().everyCommands(), config.snapshots().every().toNanos());
        Pipeline.wireRing(ring,
                new JournalStage(journal, intake, config.journalSync() == GatewayConfig.JournalSync.BATCH, listener),
                matcherStage,
                new RespondStage(this::applyEffects, listener),
                outbox);
        ring.start();
        ticker = new Ticker(ring, intake, matcherStage::nextDeadlineMillis, config.business().tickInterval().toMillis());
        provisioner = new MerchantProvisioner(ring, random);

        Transport transport = Transport.best();
        CallbackPolicy callbacks = new CallbackPolicy(config.sandbox(), config.notifications().allowedPorts());
        notifier = startNotifier(transport, callbacks).onAttempt(metrics::notificationAttempt);
        outbox.onWritten(notifier::wake);
        bindPorts(transport, callbacks);

        intake.open();
        sampler.start();
        ticker.start();
        notifier.start();
        if (config.sandbox()) {
            demoMerchant = DemoMerchant.ensure(dataDir, directory, provisioner, this::describe, random);
        }
        LOG.info("paygate {} mode, API {} admin {} ({}), data dir {}, RSA signing by {}, ready in {} ms",
                config.mode().name().toLowerCase(), apiBaseUrl(), adminBaseUrl(), transport.name(),
                dataDir.root(), io.paygate.signing.ApiV3Signatures.rsaImplementation(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Restores the newest usable snapshot (if any), then replays the journal after it into the
     * matcher, its effects and the outbox; then checks every invariant.
     */
    private void recover(OutboxStage outbox, long t0) {
        SnapshotStore.Loaded snapshot = snapshots.loadNewest();
        long after = 0;
        if (snapshot != null) {
            matcher = snapshot.matcher();
            after = snapshot.sequence();
            for (Merchant m : matcher.merchants()) {
                Map<String, byte[]> keys = new LinkedHashMap<>();
                m.keys().forEach(k -> keys.put(k.serialNo(), k.publicKeyDer()));
                directory.register(m.mchid(), m.appid(), keys, m.apiV3Key());
            }
            LOG.info("restored snapshot {} (sequence {}, state {})", snapshot.file().getFileName(), after,
                    snapshot.stateHash());
        }
        MatchResult scratch = new MatchResult();
        long replayed = journal.replay(after, cmd -> {
            matcher.apply(cmd, scratch);
            applyEffects(cmd, scratch);
            outbox.write(cmd, scratch);
        });
        outbox.recovered(matcher.lastSequence());
        matcher.checkInvariants();
        long highWater = dataDir.journalHighWater();
        if (matcher.lastSequence() < highWater) {
            throw new JournalCorruptException("the journal in " + dataDir.journalDir() + " ends at sequence "
                    + matcher.lastSequence() + " but this data dir was stopped cleanly at sequence " + highWater
                    + " (" + dataDir.root().resolve("journal-high-water") + "): the journal (and snapshots) were lost or"
                    + " replaced; refusing to start with less state than was acknowledged");
        }
        recovered = true;
        recoveryNanos = System.nanoTime() - t0;
        recoveryReplayed = replayed;
        LOG.info("recovered: {} journaled commands replayed after sequence {} in {} ms (state {})", replayed, after,
                recoveryNanos / 1_000_000, matcher.stateHash());
    }

    /** Where the snapshot replica starts: where recovery started (the newest usable snapshot), or empty. */
    private Matcher replicaStart() {
        SnapshotStore.Loaded newest = snapshots.loadNewest();
        return newest == null ? new Matcher() : newest.matcher();
    }

    private Notifier startNotifier(Transport transport, CallbackPolicy callbacks) {
        GatewayConfig.Notify n = config.notifications();
        notifyGroup = transport.group("paygate-notify", n.ioThreads());
        NettySender sender = new NettySender(callbacks, resolver, directory, platform, n.attemptTimeout().toMillis(),
                notifyGroup, transport.clientChannel(), TlsTrust.clientContext(n.trustedCertificatesFile()));
        return new Notifier(events, deliveries, sender, new RetrySchedule(n.retrySchedule()), n.concurrencyPerMerchant(),
                System::currentTimeMillis);
    }

    private void bindPorts(Transport transport, CallbackPolicy callbacks) throws InterruptedException {
        apiGroup = transport.group("paygate-api", config.ioThreads());
        adminGroup = transport.group("paygate-admin", 1);
        nonceLog = new NonceLog(dataDir.journalDir().resolveSibling("nonces"), config.auth().replayCacheEntriesMax());
        ReplayGuard replayGuard = new ReplayGuard(config.auth().clockSkew().toSeconds(),
                config.auth().replayCacheEntriesMax()).persistTo(nonceLog, System.currentTimeMillis() / 1000);
        RequestAuthenticator authenticator = new RequestAuthenticator(directory, replayGuard,
                config.auth().clockSkew().toSeconds(), () -> System.currentTimeMillis() / 1000);
        ApiHandler.Services api = ApiHandler.Services.of(intake, ring, callbacks, resolver, directory, authenticator,
                config.business(), platform, metrics, config.http().inFlightMax());
        apiChannel = bind(transport.serverChannel(), apiGroup, config.api(), Pipeline.apiChannel(config.http(), api));
        sampler = new MetricsSampler(metrics, dataDir.root().resolve("metrics"),
                config.metrics().hlogInterval().toMillis(), config.metrics().hlogRotate().toMillis(),
                config.metrics().hlogFilesKept());
        AdminHandler.Services admin = new AdminHandler.Services(intake, ring, provisioner, notifier, adminToken,
                this::describe, new PrometheusExporter(sampler, gauges()), sampler, api.orders());
        adminChannel = bind(transport.serverChannel(), adminGroup, config.admin(), Pipeline.adminChannel(admin));
    }

    /** What the exporter reads at each scrape. */
    private Gauges gauges() {
        long startedAt = System.currentTimeMillis();
        return new Gauges() {
            @Override
            public long ringOccupancy() {
                return ring.occupancy();
            }

            @Override
            public long ringSize() {
                return ring.size();
            }

            @Override
            public boolean intakeOpen() {
                return intake.isOpen();
            }

            @Override
            public long journalSequence() {
                return journal.lastSequence();
            }

            @Override
            public double snapshotAgeSeconds() {
                long last = snapshotWriter.lastWrittenAtMillis();
                return (System.currentTimeMillis() - (last > 0 ? last : startedAt)) / 1000.0;
            }

            @Override
            public double recoverySeconds() {
                return recoveryNanos / 1e9;
            }

            @Override
            public long recoveryReplayedCommands() {
                return recoveryReplayed;
            }

            @Override
            public Map<String, long[]> notificationsByMerchant() {
                try {
                    return notifier.countsByMerchant().get(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Map.of();
                } catch (ExecutionException | TimeoutException e) {
                    return Map.of();
                }
            }
        };
    }

    /** Effects of a result outside the matcher; the same function runs live and during recovery. */
    private void applyEffects(Command cmd, MatchResult result) {
        if (cmd.type == CommandType.PROVISION_MERCHANT && result.code == ResultCode.OK) {
            directory.register(result.mchid, cmd.appid, cmd.serialNo, cmd.publicKeyDer, cmd.secret);
        } else if (cmd.type == CommandType.ADD_MERCHANT_KEY && result.code == ResultCode.OK) {
            directory.addKey(cmd.mchid, cmd.serialNo, cmd.publicKeyDer);
        }
    }

    private MerchantInfo describe(String mchid, String appid, String serialNo, String apiV3Key, String apiV2Key) {
        return new MerchantInfo(mchid, appid, serialNo, null, apiV3Key, apiV2Key,
                platform.publicKeyId(), keyStore.publicKeyFile().toString(),
                Certificates.serialHex(platform.certificates(false).get(0)), keyStore.certificateFile().toString(),
                Certificates.serialHex(platform.certificates(true).get(0)), keyStore.sm2CertificateFile().toString(),
                apiBaseUrl(), adminBaseUrl());
    }

    private static Channel bind(Class<? extends ServerChannel> type, EventLoopGroup group, GatewayConfig.Endpoint at,
                                io.netty.channel.ChannelInitializer<io.netty.channel.socket.SocketChannel> init)
            throws InterruptedException {
        return new ServerBootstrap()
                .group(group)
                .channel(type)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(init)
                .bind(at.host(), at.port()).sync().channel();
    }

    public int apiPort() {
        return ((InetSocketAddress) apiChannel.localAddress()).getPort();
    }

    public int adminPort() {
        return ((InetSocketAddress) adminChannel.localAddress()).getPort();
    }

    public String apiBaseUrl() {
        return "http://" + urlHost(config.api().host()) + ":" + apiPort();
    }

    public String adminBaseUrl() {
        return "http://" + urlHost(config.admin().host()) + ":" + adminPort();
    }

    private static String urlHost(String bindHost) {
        return bindHost.equals("0.0.0.0") || bindHost.equals("::") ? "127.0.0.1" : bindHost;
    }

    /** The sandbox demo merchant (null in production mode). */
    public MerchantInfo demoMerchant() {
        return demoMerchant;
    }

    public String adminToken() {
        return adminToken;
    }

    public Intake intake() {
        return intake;
    }

    public GatewayConfig config() {
        return config;
    }

    @Override
    public void close() {
        intake.drain();
        if (ticker != null) {
            ticker.close();
        }
        closeChannel(apiChannel);
        closeChannel(adminChannel);
        if (ring != null) {
            ring.shutdown();
        }
        if (snapshotWriter != null) {
            snapshotWriter.close();
        }
        if (sampler != null) {
            sampler.close();
        }
        if (notifier != null) {
            notifier.close();
        }
        shutdown(apiGroup);
        shutdown(adminGroup);
        shutdown(notifyGroup);
        directory.close();
        closeQuietly(events);
        closeQuietly(deliveries);
        resolver.close();
        if (recovered) {
            dataDir.recordJournalHighWater(journal.lastSequence());
        }
        journal.close();
        if (nonceLog != null) {
            nonceLog.close();
        }
        dataDir.close();
    }

    private static void shutdown(EventLoopGroup group) {
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static void closeQuietly(RecordQueue q) {
        if (q != null) {
            q.close();
        }
    }

    private static void closeChannel(Channel ch) {
        if (ch != null) {
            ch.close().syncUninterruptibly();
        }
    }
}
