package io.paygate.gateway.cli;

import io.paygate.gateway.admin.DataDir;
import io.paygate.gateway.journal.ChronicleJournal;
import io.paygate.gateway.matcher.MatchResult;
import io.paygate.gateway.matcher.Matcher;
import java.io.File;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code paygate verify}: replays a stopped gateway's journal into a fresh matcher, checking every
 * record's CRC and sequence and every invariant on the way, and prints the state hash. Exit 0 only
 * when everything holds.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Replay a stopped gateway's journal, check every invariant, print the state hash.")
final class VerifyCommand implements Callable<Integer> {

    /** The O(state) invariant check runs this often during replay, and once at the end. */
    static final long FULL_CHECK_EVERY = 10_000;

    @Option(names = "--data-dir", description = "Data directory (default ./data).")
    File dataDir = new File("data");

    @Override
    public Integer call() {
        if (!Files.isDirectory(dataDir.toPath())) {
            System.err.println("verify: no data dir " + dataDir);
            return 2;
        }
        try (DataDir dir = new DataDir(dataDir.toPath()).lock();
             ChronicleJournal journal = ChronicleJournal.readOnly(dir.journalDir())) {
            Matcher matcher = new Matcher();
            MatchResult scratch = new MatchResult();
            long[] applied = {0};
            long n = journal.replay(cmd -> {
                matcher.apply(cmd, scratch);
                if (++applied[0] % FULL_CHECK_EVERY == 0) {
                    matcher.checkInvariants();
                }
            });
            matcher.checkInvariants();
            System.out.println("commands " + n);
            System.out.println("merchants " + matcher.merchantCount());
            System.out.println("orders " + matcher.orderCount());
            System.out.println("payers " + matcher.payerCount());
            System.out.println("refunds " + matcher.refundCount());
            System.out.println("accounts " + matcher.accountCount());
            System.out.println("sum " + matcher.balanceSum());
            System.out.println("negative_accounts " + matcher.negativeAccounts());
            System.out.println("state_hash " + matcher.stateHash());
            if (journal.tornTail() != null) {
                // never acknowledged; the gateway's next start cuts it off
                System.out.println("torn_tail " + journal.tornTail());
            }
            long highWater = dir.journalHighWater();
            if (matcher.lastSequence() < highWater) {
                System.err.println("verify: the journal ends at sequence " + matcher.lastSequence()
                        + " but this data dir was stopped cleanly at sequence " + highWater
                        + ": the journal was lost or replaced");
                return 1;
            }
            System.out.println("verify: OK");
            return 0;
        } catch (IllegalStateException e) {
            System.err.println("verify: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            System.err.println("verify: FAILED: " + e);
            return 1;
        }
    }
}
