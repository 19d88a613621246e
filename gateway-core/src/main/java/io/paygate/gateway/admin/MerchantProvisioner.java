package io.paygate.gateway.admin;

import io.paygate.codec.command.Command;
import io.paygate.codec.command.CommandType;
import io.paygate.gateway.sequence.FutureTarget;
import io.paygate.gateway.sequence.ResultCopy;
import io.paygate.gateway.sequence.Ring;
import io.paygate.signing.ApiV3Key;
import io.paygate.signing.Nonces;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;

/**
 * Provisions merchants through the ring, so a merchant exists exactly when its PROVISION_MERCHANT
 * command is journaled and applied, and comes back on every replay. The random parts (appid,
 * APIv3 and APIv2 keys) are drawn here, never in the matcher.
 */
public final class MerchantProvisioner {

    /** Default merchant fee: 0.60%, WeChat's common rate. */
    public static final long FEE_RATE_PPM_DEFAULT = 6000;

    private final Ring ring;
    private final SecureRandom random;

    public MerchantProvisioner(Ring ring, SecureRandom random) {
        this.ring = ring;
        this.random = random;
    }

    /** A merchant's request to exist. Null fields are drawn fresh (mchid by the matcher). */
    /**
     * What to provision. {@code publicKey} and {@code serialNo} may be null for a sub-merchant (its
     * service provider signs for it); {@code spMchid} names a sub-merchant's service provider, and
     * {@code notifyUrlDefault} its notify default.
     */
    public record Request(String name, String mchid, String appid, PublicKey publicKey, String serialNo,
                          String apiV3Key, String apiV2Key, long feeRatePpm, boolean serviceProvider, String spMchid,
                          long commissionPpm, String notifyUrlDefault) {
        public Request(String name, String mchid, String appid, PublicKey publicKey, String serialNo, String apiV3Key,
                       String apiV2Key, long feeRatePpm) {
            this(name, mchid, appid, publicKey, serialNo, apiV3Key, apiV2Key, feeRatePpm, false, null, 0, null);
        }
    }

    /** The outcome, with the secrets that were drawn (the caller hands them to the merchant once). */
    public record Provisioned(ResultCopy result, String serialNo, String apiV3Key, String apiV2Key) {
        @Override
        public String toString() {
            return "Provisioned[" + result.code() + " " + result.mchid() + "]";
        }
    }

    /** Publishes the provisioning command; the future completes once it is journaled and applied. */
    public CompletableFuture<Provisioned> provision(Request req) {
        Command cmd = new Command();
        cmd.type = CommandType.PROVISION_MERCHANT;
        cmd.acceptedAtMillis = System.currentTimeMillis();
        cmd.name = req.name();
        cmd.mchid = req.mchid();
        cmd.appid = req.appid() != null ? req.appid() : "wx" + hex(16);
        cmd.serialNo = req.serialNo();
        cmd.publicKeyDer = req.publicKey() == null ? null : req.publicKey().getEncoded();
        cmd.secret = req.apiV3Key() != null ? req.apiV3Key() : ApiV3Key.random(random).reveal();
        cmd.secret2 = req.apiV2Key() != null ? req.apiV2Key() : Nonces.alphanumeric(random, 32);
        cmd.feeRatePpm = req.feeRatePpm();
        cmd.spMchid = req.spMchid();
        cmd.commissionPpm = req.commissionPpm();
        cmd.notifyUrl = req.notifyUrlDefault();
        if (req.serviceProvider()) {
            cmd.flags |= Command.FLAG_SERVICE_PROVIDER;
        }
        FutureTarget target = new FutureTarget();
        if (!ring.tryPublish(cmd, target)) {
            return CompletableFuture.failedFuture(new IllegalStateException("ring full"));
        }
        String apiV3Key = cmd.secret;
        String apiV2Key = cmd.secret2;
        return target.future().thenApply(r -> new Provisioned(r, req.serialNo(), apiV3Key, apiV2Key));
    }

    /** Journals a second API key for a merchant (say SM2 beside RSA); the result says whether it took. */
    public CompletableFuture<ResultCopy> addKey(String mchid, PublicKey key, String serialNo) {
        Command cmd = new Command();
        cmd.type = CommandType.ADD_MERCHANT_KEY;
        cmd.acceptedAtMillis = System.currentTimeMillis();
        cmd.mchid = mchid;
        cmd.serialNo = serialNo;
        cmd.publicKeyDer = key.getEncoded();
        FutureTarget target = new FutureTarget();
        if (!ring.tryPublish(cmd, target)) {
            return CompletableFuture.failedFuture(new IllegalStateException("ring full"));
        }
        return target.future();
    }

    private String hex(int chars) {
        StringBuilder sb = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) {
            sb.append(Character.forDigit(random.nextInt(16), 16));
        }
        return sb.toString();
    }
}
