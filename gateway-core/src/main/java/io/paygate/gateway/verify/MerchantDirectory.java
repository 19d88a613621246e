package io.paygate.gateway.verify;

import io.paygate.signing.ApiV3Key;
import io.paygate.signing.Pem;
import java.security.PublicKey;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The merchants the edge can authenticate. Written by the respond stage (and by recovery) after a
 * provisioning command was journaled and applied; read by every event loop.
 */
public final class MerchantDirectory {

    private final Map<String, MerchantCredentials> byMchid = new ConcurrentHashMap<>();
    /** The platform key serial each merchant last asked responses to be signed with (its key mode). */
    private final Map<String, String> platformSerialByMchid = new ConcurrentHashMap<>();
    private final ExecutorService persister = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "paygate-directory");
        t.setDaemon(true);
        return t;
    });
    private volatile Path preferencesFile;

    /** Registers (or replaces) a merchant from its journaled provisioning data. */
    public void register(String mchid, String appid, String serialNo, byte[] publicKeyDer, String apiV3Key) {
        // a sub-merchant may have no API key of its own: its service provider signs for it
        register(mchid, appid, publicKeyDer == null ? Map.of() : Map.of(serialNo, publicKeyDer), apiV3Key);
    }

    /** Registers (or replaces) a merchant with all its API keys (DER SubjectPublicKeyInfo by serial). */
    public void register(String mchid, String appid, Map<String, byte[]> keysBySerial, String apiV3Key) {
        Map<String, PublicKey> keys = new HashMap<>();
        keysBySerial.forEach((serial, der) -> keys.put(serial, Pem.publicKeyFromDer(der)));
        byMchid.put(mchid, new MerchantCredentials(mchid, appid, keys, ApiV3Key.of(apiV3Key)));
    }

    /** A journaled key added to a registered merchant (say SM2 beside RSA). */
    public void addKey(String mchid, String serialNo, byte[] publicKeyDer) {
        byMchid.computeIfPresent(mchid, (k, m) -> {
            Map<String, PublicKey> keys = new HashMap<>(m.keysBySerial());
            keys.put(serialNo, Pem.publicKeyFromDer(publicKeyDer));
            return new MerchantCredentials(m.mchid(), m.appid(), keys, m.apiV3Key());
        });
    }

    /** The merchant with this mchid, or null. */
    public MerchantCredentials get(String mchid) {
        return mchid == null ? null : byMchid.get(mchid);
    }

    /** Remembers which platform key a merchant's SDK expects (the request's {@code Wechatpay-Serial}). */
    public void notePlatformSerial(String mchid, String serial) {
        if (serial != null && !serial.equals(platformSerialByMchid.get(mchid))) {
            platformSerialByMchid.put(mchid, serial);
            Path file = preferencesFile;
            if (file != null) {
                persister.execute(() -> save(file)); // rare (a merchant changes key mode), and off the event loop
            }
        }
    }

    /**
     * Keeps the platform-key preferences in {@code file} so that after a restart notifications are
     * signed with the key each merchant's SDK expects before it calls again (certificate-mode SDKs
     * reject the public key). Loads what the file holds now.
     */
    public MerchantDirectory persistPreferencesTo(Path file) {
        if (Files.exists(file)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            p.forEach((k, v) -> platformSerialByMchid.put((String) k, (String) v));
        }
        this.preferencesFile = file;
        return this;
    }

    private synchronized void save(Path file) {
        Properties p = new Properties();
        p.putAll(platformSerialByMchid);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "platform key serial each merchant's SDK expects (notification signing)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LoggerFactory.getLogger(MerchantDirectory.class).warn("cannot save {}: {}", file, e.toString());
        }
    }

    /** Waits for pending preference writes (shutdown). */
    public void close() {
        persister.shutdown();
        try {
            persister.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The platform key serial the merchant last named, or null (then the public key is used). */
    public String platformSerial(String mchid) {
        return platformSerialByMchid.get(mchid);
    }

    public int size() {
        return byMchid.size();
    }
}
