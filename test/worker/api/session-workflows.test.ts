// Sending a workflow to a session: one item whose steps go out in order,
// each when the one before is done (or skipped, when optional and cancelled
// by the agent); the last step done completes it; a declined step stops it;
// the participant list is asked once; the generic routes cannot complete it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeStripe } from '../../fakes/stripe/fake-stripe';
import { makeJpegHeader } from '../../helpers/images';
import { documentForm, makePdf, signatureField } from '../../helpers/pdf';
import { Browser, call, makeOrg, outboxFor, startSession, type Org } from '../../helpers/world';

const SECRET_KEY = 'sk_test_51ParleyFakeKey0000000000';
const ACCOUNT = { secretKey: SECRET_KEY, webhookSecret: 'whsec_ParleyFakeWebhookSecret0000', publishableKey: 'pk_test_51ParleyFakeKey0000000000', currencies: ['usd'], minAmount: 1, maxAmount: 5000 };

beforeEach(() => {
  const stripe = new FakeStripe();
  stripe.addKey(SECRET_KEY);
  vi.stubGlobal('fetch', stripe.fetch);
});
afterEach(() => vi.unstubAllGlobals());

/** An org with a one-signature template, Stripe connected, and a three-step workflow: documents, the template, an optional payment. */
async function setup() {
  const org = await makeOrg();
  const template = await call('POST', '/api/v1/templates', {
    token: org.admin.token,
    body: documentForm(await makePdf(1), { roles: [{ name: 'Customer' }], fields: [signatureField('sig', 'Customer')] }, { name: 'Loan agreement' }),
  });
  expect(template.status, template.text).toBe(201);
  expect((await call('PUT', '/api/v1/payments/stripe', { token: org.admin.token, body: ACCOUNT })).status).toBe(200);
  const workflow = await call('POST', '/api/v1/workflows', {
    token: org.admin.token,
    body: {
      name: 'Loan onboarding',
      steps: [
        { kind: 'document_request', documents: [{ category: 'passport' }] },
        { kind: 'template', templateId: template.json.id },
        { kind: 'payment', amount: 2500, currency: 'usd', description: 'Arrangement fee', optional: true },
      ],
    },
  });
  expect(workflow.status, workflow.text).toBe(201);
  const s = await startSession(org.alice, { name: 'Cora', email: `wf-${crypto.randomUUID()}@example.com` });
  const sessionId = s.session.id as string;
  const cora = new Browser();
  await cora.open((await outboxFor(sessionId))[0]!.link);
  return { org, sessionId, cora, workflowId: workflow.json.id as string };
}

const send = (org: Org, sessionId: string, body: unknown) => call('POST', `/api/v1/sessions/${sessionId}/workflows`, { token: org.alice.token, body });
const statuses = async (org: Org, sessionId: string, workflowItemId: string) => {
  const view = (await call('GET', `/api/v1/sessions/${sessionId}`, { token: org.alice.token })).json;
  const workflow = view.items.find((i: { id: string }) => i.id === workflowItemId);
  const steps = view.items.filter((i: { parentId?: string }) => i.parentId === workflowItemId).sort((a: { position: number }, b: { position: number }) => a.position - b.position);
  return { workflow, steps: steps.map((s: { status: string }) => s.status) as string[] };
};

describe('a workflow in a session', () => {
  it('goes step by step: each step out when the one before is done, an optional one skipped, then completed', async () => {
    const { org, sessionId, cora, workflowId } = await setup();
    const sent = await send(org, sessionId, { workflowId });
    expect(sent.status, sent.text).toBe(201);
    const wf = sent.json.workflow.id as string;
    const [request, document, payment] = sent.json.steps.map((s: { id: string }) => s.id);
    expect(sent.json.workflow).toMatchObject({ kind: 'workflow', name: 'Loan onboarding', status: 'sent', app: { kind: 'workflow', steps: 3, done: 0, current: 1 } });
    expect(await statuses(org, sessionId, wf)).toMatchObject({ steps: ['sent', 'draft', 'draft'] });

    // The generic route cannot complete the workflow, for either side.
    expect((await call('POST', `/api/v1/sessions/${sessionId}/items/${wf}/status`, { token: org.alice.token, body: { status: 'completed' } })).status).toBe(403);
    expect((await cora.request('POST', `/room/api/items/${wf}/status`, { status: 'completed' })).status).toBe(403);

    // Step 1: the passport, sent and accepted: step 2 goes out.
    const slots = (await cora.request('GET', `/room/api/requests/${request}`)).json.slots;
    const form = new FormData();
    form.append('file', new File([makeJpegHeader(1600, 1000)], 'passport.jpg'));
    expect((await cora.request('PUT', `/room/api/requests/${request}/slots/${slots[0].id}/file`, form)).status).toBe(200);
    expect((await call('POST', `/api/v1/sessions/${sessionId}/document-requests/${request}/slots/${slots[0].id}/accept`, { token: org.alice.token })).status).toBe(200);
    let now = await statuses(org, sessionId, wf);
    expect(now.steps).toEqual(['completed', 'sent', 'draft']);
    expect(now.workflow).toMatchObject({ status: 'in_progress', app: { done: 1, current: 2 } });

    // Step 2: signed; the optional payment goes out, and the agent skips it: the workflow is complete.
    await cora.request('POST', '/room/api/consent');
    await cora.request('PUT', `/room/api/documents/${document}/fields/sig`, { value: { kind: 'typed', text: 'Cora' } });
    expect((await cora.request('POST', `/room/api/documents/${document}/complete`)).json.item.status).toBe('completed');
    expect((await statuses(org, sessionId, wf)).steps).toEqual(['completed', 'completed', 'sent']);
    expect((await call('POST', `/api/v1/sessions/${sessionId}/items/${payment}/status`, { token: org.alice.token, body: { status: 'cancelled' } })).status).toBe(200);
    now = await statuses(org, sessionId, wf);
    expect(now.steps).toEqual(['completed', 'completed', 'cancelled']);
    expect(now.workflow).toMatchObject({ status: 'completed', app: { done: 3, current: null } });
  });

  it('is cancelled when the agent cancels a required step, naming it; the steps waiting their turn are never sent', async () => {
    const { org, sessionId, cora, workflowId } = await setup();
    const sent = (await send(org, sessionId, { workflowId })).json;
    const [request, document] = sent.steps.map((s: { id: string }) => s.id);
    // The agent cancels the required first step: the workflow is cancelled with it.
    expect((await call('POST', `/api/v1/sessions/${sessionId}/items/${request}/status`, { token: org.alice.token, body: { status: 'cancelled' } })).status).toBe(200);
    const now = await statuses(org, sessionId, sent.workflow.id);
    expect(now.workflow).toMatchObject({ status: 'cancelled', reason: 'Documents to send was cancelled', app: { current: null } });
    expect(now.steps).toEqual(['cancelled', 'draft', 'draft']);
    expect((await cora.request('GET', `/room/api/documents/${document}`)).status).toBe(404); // never sent
  });

  it('stops when the customer declines a step: the workflow is declined with the reason, and the rest never goes out', async () => {
    const { org, sessionId, cora, workflowId } = await setup();
    const sent = (await send(org, sessionId, { workflowId })).json;
    const [request, document, payment] = sent.steps.map((s: { id: string }) => s.id);
    const slots = (await cora.request('GET', `/room/api/requests/${request}`)).json.slots;
    const form = new FormData();
    form.append('file', new File([makeJpegHeader(1600, 1000)], 'passport.jpg'));
    expect((await cora.request('PUT', `/room/api/requests/${request}/slots/${slots[0].id}/file`, form)).status).toBe(200);
    expect((await call('POST', `/api/v1/sessions/${sessionId}/document-requests/${request}/slots/${slots[0].id}/accept`, { token: org.alice.token })).status).toBe(200);

    // The customer declines the agreement (step 2).
    await cora.request('POST', '/room/api/consent');
    const declined = await cora.request('POST', `/room/api/documents/${document}/decline`, { reason: 'The rate is not what we agreed' });
    expect(declined.status, declined.text).toBe(200);
    const now = await statuses(org, sessionId, sent.workflow.id);
    expect(now.steps).toEqual(['completed', 'declined', 'draft']);
    expect(now.workflow).toMatchObject({ status: 'declined', app: { done: 1, current: null } });
    expect(now.workflow.reason).toContain('Loan agreement');
    // The payment never reached the customer, and the finished workflow cannot be revived through the generic route.
    expect((await cora.request('GET', `/room/api/payments/${payment}`)).status).toBe(404);
    expect((await call('POST', `/api/v1/sessions/${sessionId}/items/${sent.workflow.id}/status`, { token: org.alice.token, body: { status: 'in_progress' } })).status).toBeGreaterThanOrEqual(400);
  });

  it('asks the participant list once, and refuses what cannot be sent with a clear 4xx', async () => {
    const { org, sessionId, workflowId } = await setup();
    expect((await send(org, sessionId, { workflowId: 'wfl_AAAAAAAAAAAAAAAA' })).status).toBe(404);
    const agentRole = await send(org, sessionId, { workflowId, roles: { Customer: 'par_AAAAAAAAAAAAAAAA' } });
    expect(agentRole.status).toBe(422);
    expect(agentRole.json.error.message).toBe('roles.Customer: no participant par_AAAAAAAAAAAAAAAA in this session');
    expect((await send(org, sessionId, { workflowId, roles: { Customer: 'agent' } })).status).toBe(422);
    // Nothing was created by the refusals.
    const view = (await call('GET', `/api/v1/sessions/${sessionId}`, { token: org.alice.token })).json;
    expect(view.items.filter((i: { kind: string }) => i.kind === 'workflow')).toHaveLength(0);
  });
});
