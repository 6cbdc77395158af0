// The messages on the outbound-messages queue. Each names an outbox row in
// D1 (outbox.ts); the row holds what to send, sealed, so a delivery reads the
// row's status first, and a replay of a message already sent sends nothing.
// The queue keeps its messages (and dead-letters them) outside D1: they carry
// the row's id and nothing else, never a link or a text.
export interface OutboundMessage {
  outboxId: string;
}
