package io.paygate.gateway.respond;

import com.lmax.disruptor.EventHandler;
import io.paygate.gateway.sequence.CommandEvent;
import io.paygate.gateway.sequence.StageListener;
import java.util.function.BiConsumer;
import io.paygate.codec.command.Command;
import io.paygate.gateway.matcher.MatchResult;

/**
 * Stage 3: hands each result to whoever waits for it. Before that it applies the result's effects
 * outside the matcher (a provisioned merchant's keys become known to the verify stage), so that a
 * client hears "done" only once the effect is visible. Encoding and signing happen later, on the
 * request's own event loop, so RSA work spreads over every core instead of this one thread.
 */
public final class RespondStage implements EventHandler<CommandEvent> {

    private final BiConsumer<Command, MatchResult> effects;
    private final StageListener listener;

    public RespondStage(BiConsumer<Command, MatchResult> effects, StageListener listener) {
        this.effects = effects;
        this.listener = listener;
    }

    @Override
    public void onEvent(CommandEvent event, long sequence, boolean endOfBatch) {
        try {
            effects.accept(event.command, event.result);
        } catch (RuntimeException e) {
            listener.failed("respond", event.command.toString(), e);
        }
        if (event.target != null) {
            try {
                event.target.complete(event);
            } catch (RuntimeException e) {
                listener.failed("respond", event.command.toString(), e);
            } finally {
                event.target = null;
            }
        }
    }
}
