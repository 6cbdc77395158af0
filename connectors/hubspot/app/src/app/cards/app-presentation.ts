// Words for what each app item carries beside its status (its `app`
// summary): a document request's documents, a payment's amount and where
// Stripe has it, a shared review's page and marks, a workflow's progress and
// its steps under it. Pure, so the card's tests read it as the card shows it;
// the words are Parley's (shared/catalogue.ts), as in its own pages.
import { ITEM_KIND_LABELS, ITEM_STATUS_LABELS, PAYMENT_STATE_LABELS, REQUEST_CATEGORY_LABELS, SLOT_STATUS_LABELS } from '@parley/hubspot-shared/catalogue';
import type { ItemView } from '@parley/hubspot-shared/parley-types';
import { shortTime } from '@parley/hubspot-shared/short-time';
import { itemMark } from './session-presentation';

type App = NonNullable<ItemView['app']>;

/** An amount in the currency's smallest unit, as people write it: "$125.00", "¥500", "KWD 12.340". */
export function money(minor: number, currency: string): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() });
  return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

function paymentLines(p: Extract<App, { kind: 'payment' }>): string[] {
  const refunded = p.amountRefunded > 0 ? ` · ${money(p.amountRefunded, p.currency)} refunded` : '';
  const card = p.card ? ` · ${p.card.brand} ending ${p.card.last4}` : '';
  const lines = [`${money(p.amount, p.currency)}: ${PAYMENT_STATE_LABELS[p.state] ?? p.state}${card}${refunded}`];
  if (p.state === 'failed' && p.failureMessage) lines.push(`Last try: ${p.failureMessage}`);
  return lines;
}

function reviewLine(r: Extract<App, { kind: 'shared_review' }>): string {
  const marks = `${r.annotations} ${r.annotations === 1 ? 'mark' : 'marks'}`;
  if (r.endedAt) return `Ended ${shortTime(r.endedAt)} · ${r.pages} pages · ${marks}`;
  const leader = r.leader === null ? 'nobody leads yet' : r.leader === 'agent' ? 'you lead' : 'the customer leads';
  return `Page ${r.page} of ${r.pages} · ${leader} · ${marks}`;
}

/** The lines under an app item's own line; none for an item that is not an app. */
export function appLines(item: Pick<ItemView, 'app'>): string[] {
  const app = item.app;
  if (!app) return [];
  switch (app.kind) {
    case 'document_request':
      return app.slots.map((s) => `${s.label ?? REQUEST_CATEGORY_LABELS[s.category] ?? s.category}: ${SLOT_STATUS_LABELS[s.status] ?? s.status}${s.reason ? ` (${s.reason})` : ''}`);
    case 'payment':
      return paymentLines(app);
    case 'shared_review':
      return [reviewLine(app)];
    case 'workflow':
      return [app.current !== null ? `Step ${app.current} of ${app.steps} · ${app.done} done` : `${app.done} of ${app.steps} steps done`];
  }
}

/** The items the card lists on their own: every one but a workflow's steps, which are listed under their workflow. */
export function topLevelItems(items: ItemView[]): ItemView[] {
  return items.filter((i) => !i.parentId);
}

/** A workflow's steps, in order. */
export function stepsOf(items: ItemView[], workflowId: string): ItemView[] {
  return items.filter((i) => i.parentId === workflowId).sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
}

/** "✎ Step 2 of 2: Arrangement fee (Payment), optional: Not reached yet"; a step not reached yet says so rather than "Draft". */
export function stepLine(step: ItemView, total: number): string {
  const kind = ITEM_KIND_LABELS[step.kind] ?? step.kind;
  const status = step.status === 'draft' ? 'Not reached yet' : (ITEM_STATUS_LABELS[step.status] ?? step.status);
  return `${itemMark(step.status)} Step ${step.position} of ${total}: ${step.name} (${kind})${step.optional ? ', optional' : ''}: ${status}${step.reason ? ` (${step.reason})` : ''}`;
}
