// The key an address is found by without being kept: SHA-256 of the channel
// and the address as Parley stores it (E.164 for a phone, lower case for an
// email). The outbox keeps the recipient sealed, so an inbound SMS reply
// ("which message does +447700900123 answer?") and a block ("this address
// opted out") look the address up by this key instead.
import { sha256Hex } from '../auth/crypto';
import type { Channel } from '../directory/outbox';

export function addressKey(channel: Channel, address: string): Promise<string> {
  const normal = channel === 'email' ? address.trim().toLowerCase() : address.trim();
  return sha256Hex(`${channel}:${normal}`);
}
