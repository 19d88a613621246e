/**
 * The {@code paygate} command line: {@code serve} runs a gateway, {@code verify} replays a stopped
 * gateway's journal offline and checks it. Flags override configuration (see
 * {@link io.paygate.gateway.config.GatewayConfig}).
 */
package io.paygate.gateway.cli;
