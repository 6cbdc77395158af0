// One-click unsubscribe (RFC 8058) for the notices Parley sends on its own
// (reminders, new-activity emails): the List-Unsubscribe URL carries the
// outbox row's id sealed under SECRETS_KEY, so only a link Parley wrote
// opens, and it names no address.
import { openSecret, sealSecret, type SecretKeys } from '../auth/secret-box';

const CONTEXT = 'unsubscribe';

export function unsubscribeToken(keys: SecretKeys, outboxId: string): Promise<string> {
  return sealSecret(keys, outboxId, CONTEXT);
}

/** The outbox id a token was made for; null for anything Parley did not write. */
export async function openUnsubscribeToken(keys: SecretKeys, token: string): Promise<string | null> {
  try {
    return await openSecret(keys, token, CONTEXT);
  } catch {
    return null;
  }
}
