package io.paygate.gateway.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.paygate.codec.Json;
import io.paygate.gateway.matcher.ResultCode;
import io.paygate.gateway.verify.MerchantDirectory;
import io.paygate.signing.Certificates;
import io.paygate.signing.Keys;
import io.paygate.signing.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox demo merchant: on the first start of an empty data dir it gets a fresh RSA key pair and
 * is provisioned through the ring; its credentials go to {@code DIR/demo/merchant.json} and
 * {@code DIR/demo/merchant_private_key.pem}. Later starts reuse both (and re-provision the same
 * merchant from the files if the journal was removed).
 */
public final class DemoMerchant {

    public static final String FILE = "merchant.json";
    static final String PRIVATE_KEY_FILE = "merchant_private_key.pem";
    static final String NAME = "Paygate demo merchant";

    private DemoMerchant() {
    }

    /** Makes sure the demo merchant exists and its file describes this run's ports. */
    public static MerchantInfo ensure(DataDir dataDir, MerchantDirectory directory, MerchantProvisioner provisioner,
                                      MerchantInfo.Describer describer, SecureRandom random) throws Exception {
        Path dir = dataDir.demoDir();
        Path json = dir.resolve(FILE);
        Path keyFile = dir.resolve(PRIVATE_KEY_FILE);
        MerchantInfo info;
        if (Files.exists(json) && Files.exists(keyFile)) {
            MerchantInfo saved = Json.mapper().readValue(SecureFiles.read(json), MerchantInfo.class);
            if (directory.get(saved.mchid()) == null) {
                PrivateKey privateKey = Pem.readPrivateKey(SecureFiles.read(keyFile));
                provision(provisioner, new MerchantProvisioner.Request(NAME, saved.mchid(), saved.appid(),
                        Keys.publicKeyOf(privateKey), saved.merchantSerialNo(), saved.apiv3Key(), saved.apiv2Key(),
                        MerchantProvisioner.FEE_RATE_PPM_DEFAULT));
            }
            info = describer.describe(saved.mchid(), saved.appid(), saved.merchantSerialNo(), saved.apiv3Key(),
                    saved.apiv2Key());
        } else {
            KeyPair pair = Keys.generateRsa2048(random);
            String serial = Certificates.randomSerial(random).toString(16).toUpperCase(Locale.ROOT);
            MerchantProvisioner.Provisioned p = provision(provisioner, new MerchantProvisioner.Request(NAME, null, null,
                    pair.getPublic(), serial, null, null, MerchantProvisioner.FEE_RATE_PPM_DEFAULT));
            SecureFiles.writeSecret(keyFile, Pem.writePrivateKey(pair.getPrivate()));
            info = describer.describe(p);
        }
        MerchantInfo current = info.withPrivateKeyFile(keyFile.toString());
        SecureFiles.writeSecret(json, pretty(current));
        return current;
    }

    private static MerchantProvisioner.Provisioned provision(MerchantProvisioner provisioner,
                                                             MerchantProvisioner.Request request) throws Exception {
        MerchantProvisioner.Provisioned p = provisioner.provision(request).get(30, TimeUnit.SECONDS);
        if (p.result().code() != ResultCode.OK) {
            throw new IllegalStateException("demo merchant provisioning failed: " + p.result().code());
        }
        return p;
    }

    private static String pretty(MerchantInfo info) throws JsonProcessingException {
        return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(info) + "\n";
    }
}
