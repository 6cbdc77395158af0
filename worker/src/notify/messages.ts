// The messages on the outbound-messages queue. Each names an outbox row in
// D1 (outbox.ts); the row holds what to send, so a delivery reads the row's
// status first, and a replay of a message already sent sends nothing.
export interface OutboundMessage {
  outboxId: string;
}
