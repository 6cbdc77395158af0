// The notes HubSpot gets for a session's items (pure): what each says, and
// keys that make each note once.
import { describe, expect, it } from 'vitest';
import type { CrmChanges } from '../../../../worker/src/crm/changes';
import { keyInBody, noteBody, sessionMilestones } from '../../../../connectors/hubspot/writeback/milestones';

const AT = Date.UTC(2026, 11, 1, 9, 30);
type Item = CrmChanges['items'][number];
const item = (over: Partial<Item>): Item => ({
  id: 'itm_w',
  version: 9,
  kind: 'workflow',
  name: 'Onboarding',
  status: 'declined',
  reason: 'Step 2 declined: not my address',
  createdAt: AT,
  statusChangedAt: AT + 60_000,
  completedAt: null,
  sealed: null,
  sealFailure: null,
  payment: null,
  accepted: [],
  steps: [
    { position: 1, kind: 'document_request', name: 'Passport', status: 'completed', optional: false },
    { position: 2, kind: 'template_document', name: 'Loan <agreement>', status: 'declined', optional: false },
    { position: 3, kind: 'payment', name: 'Fee', status: 'draft', optional: true },
  ],
  ...over,
});
const changes = (items: Item[]): CrmChanges => ({ orgId: 'org_1', sessionId: 'ses_1', version: 9, crm: null, session: null, participants: [], items });

describe("HubSpot notes for a session's items", () => {
  it("says how a declined workflow ended, why, and each step's outcome, a step never reached as such", () => {
    const [m] = sessionMilestones(changes([item({})]));
    expect(m).toMatchObject({ key: 'workflow:itm_w', kind: 'workflow', at: AT + 60_000 });
    const body = noteBody(m!, 'https://parley.test/app/sessions/ses_1');
    expect(body).toContain('<strong>Workflow declined in Parley</strong>');
    expect(body).toContain('<p>Onboarding: Declined.</p><p>Why: Step 2 declined: not my address</p>');
    expect(body).toContain('<p>Step 1 of 3, Passport: Completed</p>');
    expect(body).toContain('<p>Step 2 of 3, Loan &#60;agreement&#62;: Declined</p>');
    expect(body).toContain('<p>Step 3 of 3, Fee (optional): Not reached</p>');
    expect(keyInBody(body)).toBe('workflow:itm_w');
  });

  it('notes nothing for a workflow still under way, or a payment not paid yet', () => {
    const payment = { amount: 500, currency: 'jpy', state: 'failed' as const, amountRefunded: 0, paidAt: null, updatedAt: AT };
    expect(sessionMilestones(changes([item({ status: 'sent', reason: null }), item({ id: 'itm_p', kind: 'payment', status: 'sent', steps: [], payment })]))).toEqual([]);
  });

  it("writes a zero-decimal currency's amount as it is, and names a refund's running total in its key", () => {
    const payment = { amount: 500, currency: 'jpy', state: 'partially_refunded' as const, amountRefunded: 200, paidAt: AT, updatedAt: AT + 1000 };
    const ms = sessionMilestones(changes([item({ id: 'itm_p', kind: 'payment', name: 'Fee', status: 'completed', steps: [], payment })]));
    expect(ms.map((m) => [m.key, m.at, m.lines])).toEqual([
      ['paid:itm_p', AT, ['Fee: 500 JPY paid.']],
      ['refunded:itm_p:200', AT + 1000, ['Fee: 200 JPY of 500 JPY refunded in all.']],
    ]);
  });
});
