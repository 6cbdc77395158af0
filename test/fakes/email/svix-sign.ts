// The signing side of Svix's scheme, as Resend uses it for webhooks (Svix:
// "Verifying Webhooks Manually"): HMAC-SHA256, keyed with the bytes the
// whsec_ secret's base64 stands for, over `${svix-id}.${svix-timestamp}.${body}`,
// sent as "v1,<base64>" in svix-signature. The fake's own code, not the
// Worker's verifier, so a test of one against the other checks two readings
// of the documentation (and the Worker's verifier also has Svix's published
// example to pass).

const PREFIX = 'whsec_';

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

/** A fresh signing secret, as Resend shows one on a webhook's page: whsec_ and 24 random bytes in base64. */
export function newWebhookSecret(): string {
  return PREFIX + toBase64(crypto.getRandomValues(new Uint8Array(24)));
}

function keyBytes(secret: string): Uint8Array<ArrayBuffer> {
  if (!secret.startsWith(PREFIX)) throw new Error(`a Svix signing secret starts with ${PREFIX}`);
  return Uint8Array.from(atob(secret.slice(PREFIX.length)), (c) => c.charCodeAt(0));
}

/** Throws when the secret is not whsec_ and base64. */
export function checkWebhookSecret(secret: string): void {
  if (keyBytes(secret).length === 0) throw new Error('a Svix signing secret needs key bytes after whsec_');
}

/** The svix-signature header value for one signing secret. */
export async function svixSignature(secret: string, id: string, timestampS: number, body: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', keyBytes(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${id}.${timestampS}.${body}`));
  return `v1,${toBase64(new Uint8Array(mac))}`;
}

/** A Svix message id: msg_ and 27 random letters and digits, like msg_p5jXN8AQM9LWM0D4loKWxJek. */
export function svixMessageId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return `msg_${Array.from(crypto.getRandomValues(new Uint8Array(27)), (b) => alphabet[b % alphabet.length]).join('')}`;
}
