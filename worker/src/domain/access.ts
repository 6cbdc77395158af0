// What a participant may do in the room right now (SPEC §2, §6).
// Pure: every input is passed in, time included.
import type { SessionStatus } from './catalogue';
import type { Settings } from './settings';

export const ACCESS_LEVELS = ['full', 'limited', 'none'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export const ACCESS_REASONS = [
  'open', // full access: the access window and the session allow it
  'after_end_full', // agent ended; full access for a while yet
  'after_end_limited', // agent ended; view and download only
  'not_invited', // pre-planned, the invitation has not gone out
  'window_expired', // the access window after first open has run out
  'auto_closed', // closed early for inactivity
  'ended', // after the end-of-session access has run out, or is prevented
] as const;
export type AccessReason = (typeof ACCESS_REASONS)[number];

export interface AccessInput {
  status: SessionStatus;
  endedAt: number | null;
  /** When this participant first opened the link since the last (re)invitation. */
  windowStartedAt: number | null;
  settings: Settings;
  now: number;
}

export interface Access {
  level: AccessLevel;
  reason: AccessReason;
  /** When the current level ends (ms since epoch), or null when nothing ends it yet. */
  until: number | null;
  /** Where a denied participant is sent, if the admin set it. */
  redirectUrl: string | null;
}

const HOUR = 3_600_000;

export function windowEnd(windowStartedAt: number | null, settings: Settings): number | null {
  return windowStartedAt === null ? null : windowStartedAt + settings.session.accessWindowHours * HOUR;
}

export function afterEndBoundaries(endedAt: number, settings: Settings) {
  const fullUntil = endedAt + settings.afterEnd.fullAccessHours * HOUR;
  return { fullUntil, limitedUntil: fullUntil + settings.afterEnd.limitedAccessHours * HOUR };
}

export function computeAccess({ status, endedAt, windowStartedAt, settings, now }: AccessInput): Access {
  const redirectUrl = settings.afterEnd.redirectUrl;
  const deny = (reason: AccessReason): Access => ({ level: 'none', reason, until: null, redirectUrl });

  if (status === 'planned') return deny('not_invited');
  if (status === 'closed') return deny('auto_closed');

  const windowUntil = windowEnd(windowStartedAt, settings);
  if (windowUntil !== null && now >= windowUntil) return deny('window_expired');

  if (status === 'ended') {
    if (settings.afterEnd.preventAccess || endedAt === null) return deny('ended');
    const { fullUntil, limitedUntil } = afterEndBoundaries(endedAt, settings);
    if (now < fullUntil) {
      return { level: 'full', reason: 'after_end_full', until: earliest(fullUntil, windowUntil), redirectUrl };
    }
    if (now < limitedUntil) {
      return { level: 'limited', reason: 'after_end_limited', until: earliest(limitedUntil, windowUntil), redirectUrl };
    }
    return deny('ended');
  }

  return { level: 'full', reason: 'open', until: windowUntil, redirectUrl };
}

/** Chat and attachments for a customer follow their own settings during and after the session. */
export function customerMay(access: Access, settings: Settings, what: 'chat' | 'attach'): boolean {
  if (access.level !== 'full') return false;
  const afterEnd = access.reason === 'after_end_full';
  if (what === 'chat') return afterEnd ? settings.afterEnd.chatAllowed : settings.session.customerChat;
  return afterEnd ? settings.afterEnd.attachmentsAllowed : settings.session.customerAttachments;
}

function earliest(a: number, b: number | null): number {
  return b === null ? a : Math.min(a, b);
}
