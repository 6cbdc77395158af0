// Who calls the customer room: the participant whose room cookie (set when
// they opened their invitation link) the request carries. The room API signs
// every request in here, before its body is read; the room pages ask the same
// question and answer a page instead of JSON.
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { ROOM_COOKIE, parseRoomCookie } from '../auth/room-cookie';
import { ApiError } from '../errors';
import { sessionRoom } from '../room/address';
import type { AppEnv, RoomCaller } from './context';

export const ROOM_TAGS = ['Customer room'];
/** Room routes are signed in by the room cookie the invitation link set, not an agent token. */
export const ROOM_SECURITY = [{ roomCookie: [] }];

/** The caller named by the room cookie, or null without one. The SessionRoom checks the device token. */
export function roomCallerOf(c: Context<AppEnv>): RoomCaller | null {
  const cookie = parseRoomCookie(getCookie(c, ROOM_COOKIE));
  if (!cookie) return null;
  return {
    stub: sessionRoom(c.env, cookie.sessionId),
    actor: { kind: 'participant', participantId: cookie.participantId, deviceToken: cookie.deviceToken },
  };
}

/**
 * Signs in every /room/api request (c.var.room). Calls that change something
 * must also carry X-Parley-Room: 1: a cross-site form cannot set a custom
 * header, and we grant no CORS preflight, so a forged request never arrives
 * with the cookie.
 */
export const roomSignIn = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method !== 'GET' && c.req.header('X-Parley-Room') !== '1') {
    throw new ApiError(403, 'missing_room_header', 'room requests must carry the header X-Parley-Room: 1');
  }
  const caller = roomCallerOf(c);
  if (!caller) throw new ApiError(401, 'not_signed_in', 'open the room from your invitation link');
  c.set('room', caller);
  await next();
});
