// What an outbox row keeps for the next delivery try: the recipient, the
// subject, the text and the room link. The link lets whoever holds it into the
// room, so it is never at rest in plaintext: the four are sealed together with
// the secret box (auth/secret-box.ts), bound to their row (`outbox:<id>`), so a
// copy of D1 — or a sealed value moved to another row — opens nothing.
import { openSecret, sealSecret, type SecretKeys } from '../auth/secret-box';

export interface MessageContent {
  /** The email address or phone number. */
  recipient: string;
  /** The email's subject; null for an SMS. */
  subject: string | null;
  /** The email's HTML or the SMS text. */
  body: string;
  /** The room link the message carries (an SMS's may be the short one). */
  link: string;
}

const contextOf = (outboxId: string) => `outbox:${outboxId}`;

export function sealMessageContent(keys: SecretKeys, outboxId: string, content: MessageContent): Promise<string> {
  const { recipient, subject, body, link } = content;
  return sealSecret(keys, JSON.stringify({ recipient, subject, body, link }), contextOf(outboxId));
}

/** The message sealed in row `outboxId`; throws SecretsKeyError when the configured keys do not open it. */
export async function openMessageContent(keys: SecretKeys, outboxId: string, sealed: string): Promise<MessageContent> {
  return JSON.parse(await openSecret(keys, sealed, contextOf(outboxId))) as MessageContent;
}
