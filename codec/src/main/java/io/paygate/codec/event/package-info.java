/**
 * The notification side of the journal: the events the matcher emits ({@link
 * io.paygate.codec.event.EventRecord}, written by the outbox to {@code DIR/journal/events}) and the
 * delivery attempts the notifier makes ({@link io.paygate.codec.event.DeliveryRecord}, in
 * {@code DIR/journal/deliveries}), both as framed, CRC32C-checked records ({@link
 * io.paygate.codec.event.Frames}) whose payload is JSON. Also the notification body on the wire.
 */
package io.paygate.codec.event;
