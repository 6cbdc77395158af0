// Inactive session auto-close (SPEC §2, §6): a session the customer opened
// but left unfinished closes early, once nothing has happened on their side
// for the admin's duration. Pure.
import type { SessionStatus } from './catalogue';
import { durationToMs, type SessionSettings } from './settings';

export interface AutoCloseInput {
  status: SessionStatus;
  setting: SessionSettings['inactiveAutoClose'];
  /** The customer's last action; the invitation or creation before any. */
  lastCustomerActivityAt: number | null;
  invitedAt: number | null;
  createdAt: number;
  /** Whether an item still waits for a participant: a session with nothing left to do stays open. */
  hasWaitingItems: boolean;
  now: number;
}

export type AutoCloseDecision = { kind: 'close' } | { kind: 'later'; at: number } | { kind: 'keep' };

export function autoCloseDecision(i: AutoCloseInput): AutoCloseDecision {
  if (i.status !== 'active' || !i.setting) return { kind: 'keep' };
  const idleSince = i.lastCustomerActivityAt ?? i.invitedAt ?? i.createdAt;
  const closeAt = idleSince + durationToMs(i.setting);
  if (closeAt > i.now) return { kind: 'later', at: closeAt };
  return i.hasWaitingItems ? { kind: 'close' } : { kind: 'keep' };
}

/** When auto-close is due after customer activity at `at`, or null when it is off or the session is not active. */
export function autoCloseAfterActivity(status: SessionStatus, setting: SessionSettings['inactiveAutoClose'], at: number): number | null {
  return status === 'active' && setting ? at + durationToMs(setting) : null;
}
