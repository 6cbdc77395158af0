// The one workspace page HubSpot may frame: a session, opened from the
// HubSpot card with actions.openIframeModal (a card cannot hold a live socket;
// this page can). Every other Parley page refuses to be framed
// (frame-ancestors 'none'); this one allows HubSpot's app origins only.
//
// Inside HubSpot's frame the workspace cookie is a third-party cookie, so the
// sign-in that leads here sets it SameSite=None and Partitioned (CHIPS): the
// browser keeps it for Parley-inside-HubSpot only, apart from the workspace's
// own cookie, and sends it back only to Parley's pages in that frame.
import { idPattern } from '../../contract/ids';

/** HubSpot's app origins: app.hubspot.com and its regional hosts (app-eu1.hubspot.com…). */
export const HUBSPOT_FRAME_ANCESTORS = ['https://app.hubspot.com', 'https://*.hubspot.com'];

export const EMBED_PAGE = new RegExp(`^/app/hubspot/sessions/${idPattern('session')}$`);

export const embedPath = (sessionId: string) => `/app/hubspot/sessions/${sessionId}`;

/**
 * The embedded page itself, or the sign-in redirecting to it (it answers
 * inside the frame too). Asked of every request: the query is read only for
 * the sign-in.
 */
export function isHubSpotEmbed(path: string, next: () => string | undefined): boolean {
  if (path === '/app/sign-in') {
    const to = next();
    return to !== undefined && EMBED_PAGE.test(to);
  }
  return EMBED_PAGE.test(path);
}
