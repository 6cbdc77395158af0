// The room cookie: `<sessionId>.<participantId>.<deviceToken>`. It names the
// session so the Worker can route to its SessionRoom; the SessionRoom checks
// the device token against the hash it stored, so the cookie is a bearer
// credential that only that session can verify.
export const ROOM_COOKIE = 'parley_room';

export interface RoomCookie {
  sessionId: string;
  participantId: string;
  deviceToken: string;
}

export function formatRoomCookie(c: RoomCookie): string {
  return `${c.sessionId}.${c.participantId}.${c.deviceToken}`;
}

export function parseRoomCookie(value: string | undefined): RoomCookie | null {
  if (!value || value.length > 200) return null;
  const m = /^(ses_[0-9A-Za-z]{16})\.(par_[0-9A-Za-z]{16})\.([A-Za-z0-9_-]{43})$/.exec(value);
  return m ? { sessionId: m[1]!, participantId: m[2]!, deviceToken: m[3]! } : null;
}

export const ROOM_COOKIE_OPTIONS = {
  httpOnly: true,
  secure: true,
  sameSite: 'Lax',
  path: '/',
  // The cookie outlives any access window; the SessionRoom decides access.
  maxAge: 60 * 60 * 24 * 400,
} as const;
