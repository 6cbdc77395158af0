// The item status machine of SPEC §3: which moves are allowed, and by whom.
// The statuses themselves are in catalogue.ts. Pure.
import { ITEM_STATUSES, WAITING_STATUSES, type ItemKind, type ItemStatus } from './catalogue';

export { ITEM_STATUSES, WAITING_STATUSES, type ItemKind, type ItemStatus };

export type ItemActor = 'agent' | 'participant' | 'system';

/** Which statuses each status may move to, and who may move it there. */
const TRANSITIONS: Record<ItemStatus, Partial<Record<ItemStatus, readonly ItemActor[]>>> = {
  draft: { awaiting_agent: ['agent', 'system'], sent: ['agent', 'system'], cancelled: ['agent'] },
  awaiting_agent: { sent: ['agent', 'system'], cancelled: ['agent'] },
  sent: {
    opened: ['participant'],
    in_progress: ['participant'],
    completed: ['participant', 'system'],
    declined: ['participant'],
    expired: ['system'],
    cancelled: ['agent'],
  },
  opened: {
    in_progress: ['participant'],
    completed: ['participant', 'system'],
    declined: ['participant'],
    expired: ['system'],
    cancelled: ['agent'],
  },
  in_progress: {
    completed: ['participant', 'agent', 'system'],
    declined: ['participant'],
    rejected: ['agent'],
    expired: ['system'],
    cancelled: ['agent'],
  },
  // A rejected submission (e.g. a blurred ID photo) can be asked for again.
  rejected: { sent: ['agent'], cancelled: ['agent'] },
  completed: { pending_approval: ['agent'] },
  pending_approval: { approved: ['participant', 'system'], approval_declined: ['participant', 'system'] },
  declined: {},
  expired: {},
  cancelled: {},
  approved: {},
  approval_declined: {},
};

export type TransitionCheck = { ok: true } | { ok: false; message: string };

export function checkTransition(from: ItemStatus, to: ItemStatus, actor: ItemActor): TransitionCheck {
  const allowed = TRANSITIONS[from][to];
  if (!allowed) {
    const options = Object.keys(TRANSITIONS[from]);
    return {
      ok: false,
      message: `an item that is ${from} cannot become ${to}` + (options.length ? ` (it can become: ${options.join(', ')})` : ' (it is final)'),
    };
  }
  if (!allowed.includes(actor)) {
    return { ok: false, message: `the ${actor} cannot move an item from ${from} to ${to}` };
  }
  return { ok: true };
}

export function isFinal(status: ItemStatus): boolean {
  return Object.keys(TRANSITIONS[status]).length === 0;
}
