// The room cookie: `<sessionId>.<participantId>.<deviceToken>`. It names the
// session so the Worker can route to its SessionRoom; the SessionRoom checks
// the device token against the hash it stored, so the cookie is a bearer
// credential that only that session can verify.
import { isId } from '../contract/ids';

/**
 * `__Host-`: the browser keeps it only when it is Secure, for Path=/ and
 * without a Domain (ROOM_COOKIE_OPTIONS), so no sibling subdomain can set or
 * shadow a customer's room cookie.
 */
export const ROOM_COOKIE = '__Host-parley_room';

export interface RoomCookie {
  sessionId: string;
  participantId: string;
  deviceToken: string;
}

export function formatRoomCookie(c: RoomCookie): string {
  return `${c.sessionId}.${c.participantId}.${c.deviceToken}`;
}

/** A device token: 32 random bytes, base64url without padding. */
const DEVICE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function parseRoomCookie(value: string | undefined): RoomCookie | null {
  if (!value || value.length > 200) return null;
  const [sessionId, participantId, deviceToken, extra] = value.split('.');
  if (extra !== undefined || !isId('session', sessionId) || !isId('participant', participantId) || !DEVICE_TOKEN.test(deviceToken ?? '')) return null;
  return { sessionId, participantId, deviceToken: deviceToken! };
}

export const ROOM_COOKIE_OPTIONS = {
  httpOnly: true,
  secure: true,
  sameSite: 'Lax',
  path: '/',
  // The cookie outlives any access window; the SessionRoom decides access.
  maxAge: 60 * 60 * 24 * 400,
} as const;
