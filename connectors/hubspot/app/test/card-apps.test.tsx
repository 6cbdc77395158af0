// The room's apps on the card: each app item's state under its line (the
// documents asked for, a payment's amount and Stripe's word, a review's page
// and marks), a workflow with its steps under it and not again on their own,
// and a workflow sent from the card with its participant list asked once,
// offering only who a workflow can take.
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { Button, Select, StatusTag, Text } from '@hubspot/ui-extensions';
import { describe, expect, it } from 'vitest';
import { money } from '../src/app/cards/app-presentation';
import { ItemSender } from '../src/app/cards/ItemSender';
import { change } from './support/change';
import { eventually } from './support/eventually';
import { parley } from './support/fake-parley';
import { recorded } from './support/recorded';
import { CORA, renderCard } from './support/render-card';
import { requestBodyProblems } from './support/request-bodies';

const LIST = /^\/sessions\?/;
const SESSION = '/sessions/ses_CUee4JoMb99wEwkm';
const WORKFLOW = 'itm_xy81vY44y7VXDSvp';
const LOAN_ONBOARDING = 'wfl_7yZQqjenkdZ7yv8B';

async function cardWithApps() {
  parley.on('GET', LIST, 'listSessions').on('GET', SESSION, 'getSessionWithApps').on('GET', '/templates', 'listTemplates').on('GET', '/workflows', 'listWorkflows');
  const r = renderCard({ properties: CORA });
  await r.waitFor(() => expect(r.findByTestId(StatusTag, 'session-status').text).toBe('Active'));
  return r;
}

const lines = (r: ReturnType<typeof renderCard>, itemId: string) =>
  r
    .findAll(Text)
    .filter((t) => t.props.testId?.startsWith(`item-${itemId}-app-`))
    .map((t) => t.text);

describe("the apps' state on the card", () => {
  it('shows each document asked for with its status and the reason it was sent back', async () => {
    const r = await cardWithApps();
    expect(r.findByTestId(Text, 'item-itm_xnhLTuQWuRSo0C0J').text).toBe('✎ Proof of identity (Document request): In progress');
    expect(lines(r, 'itm_xnhLTuQWuRSo0C0J')).toEqual(['ID card (front): Accepted', 'ID card (back): Rejected, asked again (The photo is blurred)']);
  });

  it("shows a payment's amount, Stripe's state, the card and what was refunded", async () => {
    const r = await cardWithApps();
    expect(lines(r, 'itm_xHCP0gag4H31YVOU')).toEqual(['$125.00: Partly refunded · visa ending 4242 · $25.00 refunded']);
  });

  it("shows a review's page, who leads and its marks", async () => {
    const r = await cardWithApps();
    expect(lines(r, 'itm_vBIY1zK5K41lzU3w')).toEqual(['Page 1 of 3 · you lead · 0 marks']);
  });

  it('shows a workflow as one item with its progress and its steps under it, in order, not again on their own', async () => {
    const r = await cardWithApps();
    expect(lines(r, WORKFLOW)).toEqual(['Step 1 of 2 · 0 done']);
    expect(r.findByTestId(Text, 'item-itm_pAwp5I1tw06OQdsC').text).toBe('✎ Step 1 of 2: Documents to send (Document request): Sent');
    expect(lines(r, 'itm_pAwp5I1tw06OQdsC')).toEqual(['Passport: Waiting for the customer']);
    expect(r.findByTestId(Text, 'item-itm_g7e8X8fYM8SraZHV').text).toBe('✎ Step 2 of 2: Arrangement fee (Payment), optional: Not reached yet');
    // Each step is shown once, under its workflow.
    expect(r.findAll(Text).filter((t) => t.props.testId === 'item-itm_g7e8X8fYM8SraZHV')).toHaveLength(1);
    const order = r.findAll(Text).map((t) => t.props.testId).filter((id) => /^item-itm_[A-Za-z0-9]+$/.test(id ?? ''));
    expect(order.slice(0, 3)).toEqual([`item-${WORKFLOW}`, 'item-itm_pAwp5I1tw06OQdsC', 'item-itm_g7e8X8fYM8SraZHV']);
  });

  it("writes amounts in each currency's own unit", () => {
    expect([money(12_500, 'usd'), money(500, 'jpy'), money(12_340, 'kwd')]).toEqual(['$125.00', '¥500', 'KWD\u00a012.340']); // Intl puts a no-break space after a code
  });
});

describe('sending a workflow from the card', () => {
  it('asks the participant list once, offering a participant or someone new only, and sends what the Worker takes', async () => {
    const SENT = `${SESSION}/workflows`;
    parley.on('GET', '/workflows', 'listWorkflows').on('GET', `/workflows/${LOAN_ONBOARDING}`, 'getWorkflowWithRoles').on('GET', '/me', 'getMe').on('POST', SENT, 'sendWorkflow');
    const glen = recorded('getSessionWithApps').participants.find((p: { roleName: string }) => p.roleName === 'Guarantor');
    let sent = 0;
    const r = createRenderer('crm.record.tab');
    r.render(<ItemSender kind="workflow" sessionId="ses_CUee4JoMb99wEwkm" participants={[glen]} onSent={() => sent++} />);
    await r.waitFor(() => expect(r.findByTestId(Select, 'workflow').props.options).toEqual([
      { label: 'ID check (v1)', value: 'wfl_L1G7eSDUEIiyIaFT' },
      { label: 'Loan onboarding (v1)', value: LOAN_ONBOARDING },
    ]));
    change(r.findByTestId(Select, 'workflow'), LOAN_ONBOARDING);
    // Customer is the session's customer; only the Guarantor is asked about, and not as "the customer assigns" or "me".
    await r.waitFor(() => expect(r.findByTestId(Select, 'role-0-taker').props.options.map((o: { value: unknown }) => o.value)).toEqual(['leave-out', 'new', glen.id]));
    expect(r.maybeFindByTestId(Select, 'role-1-taker')).toBeNull();
    change(r.findByTestId(Select, 'role-0-taker'), glen.id);
    r.findByTestId(Button, 'send-workflow').trigger('onClick');
    await eventually(() => expect(parley.callsTo('POST', SENT)).toHaveLength(1));
    const body = parley.callsTo('POST', SENT)[0]!.body;
    expect(body).toEqual({ workflowId: LOAN_ONBOARDING, roles: { Guarantor: glen.id } });
    expect(requestBodyProblems('post', '/sessions/{sessionId}/workflows', body)).toEqual([]);
    await eventually(() => expect(sent).toBe(1));
  });

  it('says so when the org has no workflow yet', async () => {
    parley.on('GET', '/workflows', { status: 200, body: { workflows: [] } });
    const r = createRenderer('crm.record.tab');
    r.render(<ItemSender kind="workflow" sessionId="ses_CUee4JoMb99wEwkm" onSent={() => {}} />);
    await r.waitFor(() => expect(r.findAll(Text).map((t) => t.text)).toContain('No workflows yet: an admin builds them in Parley.'));
  });
});
