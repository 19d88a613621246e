/**
 * APIv3 JSON models, field for field as WeChat Pay and the official SDKs name them (snake_case on the
 * wire through {@link io.paygate.codec.Json}). Request models are parsed as sent; validation of their
 * values happens in the gateway's decode stage. Response models hold exactly what goes on the wire,
 * in a fixed field order so the same state always encodes to the same bytes.
 */
package io.paygate.codec.v3;
