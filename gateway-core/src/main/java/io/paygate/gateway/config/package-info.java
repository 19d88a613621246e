/**
 * Configuration, validated once at start-up: HOCON defaults ({@code reference.conf}), an optional
 * {@code --config} file, {@code PAYGATE_*} environment variables and command-line flags, turned into
 * one immutable {@link io.paygate.gateway.config.GatewayConfig}. Every bad value is refused with a
 * message that names its key.
 */
package io.paygate.gateway.config;
