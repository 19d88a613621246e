/**
 * The sequencer: the Disruptor ring that orders every command, its slot type
 * ({@link io.paygate.gateway.sequence.CommandEvent}), publishing without ever blocking an event loop
 * ({@link io.paygate.gateway.sequence.Ring#tryPublish}), the intake gate that implements readiness and
 * fail-stop ({@link io.paygate.gateway.sequence.Intake}), and the stage that runs the pure matcher on
 * its single thread ({@link io.paygate.gateway.sequence.MatcherStage}).
 *
 * <p>The order of the consumers is wired in one place, {@link io.paygate.gateway.Pipeline}.
 */
package io.paygate.gateway.sequence;
