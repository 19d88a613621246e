package io.paygate.gateway.sequence;

import java.util.concurrent.CompletableFuture;

/**
 * A {@link ResponseTarget} for internal callers: completes a future with a copy of the result.
 * Completion runs dependent actions on the respond thread only if they were attached with the
 * non-async methods; callers should use the {@code *Async} variants or hop to their own executor.
 */
public final class FutureTarget implements ResponseTarget {

    private final CompletableFuture<ResultCopy> future = new CompletableFuture<>();

    @Override
    public void complete(CommandEvent event) {
        future.complete(ResultCopy.of(event.result));
    }

    public CompletableFuture<ResultCopy> future() {
        return future;
    }
}
