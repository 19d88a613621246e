package io.paygate.bench.load;

import java.util.function.BiFunction;

/**
 * One unit of open-loop work: a pre-built request (bytes on the wire, signature included), and
 * optionally further steps that depend on the previous answer (the sandbox payment needs the
 * code_url the prepay returned). Latency runs from the job's intended start to its last answer.
 */
final class Job {
    final byte[] first;
    /** (step index, previous answer) -> next request, or null when the job is done. */
    final BiFunction<Integer, Answer, byte[]> next;
    /** Keep the last answer's body (set-up work reads it). */
    final boolean keepBody;
    int step;
    int status;
    String body;

    Job(byte[] first, BiFunction<Integer, Answer, byte[]> next, boolean keepBody) {
        this.first = first;
        this.next = next;
        this.keepBody = keepBody;
    }

    static Job single(byte[] request) {
        return new Job(request, null, false);
    }

    /** One answer: its status and body. */
    record Answer(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }
}
