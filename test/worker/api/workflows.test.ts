// Workflows as an admin builds them through the API: ordered steps of
// templates, document requests and payments with the workflow's roles,
// checked against the org's templates and payment limits when saved, every
// problem named at its field; versioned like templates; agents read them,
// only admins write them; another org's are not there.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeStripe } from '../../fakes/stripe/fake-stripe';
import { documentForm, makePdf, signatureField } from '../../helpers/pdf';
import { call, makeOrg, type Org } from '../../helpers/world';

const SECRET_KEY = 'sk_test_51ParleyFakeKey0000000000';
const ACCOUNT = { secretKey: SECRET_KEY, webhookSecret: 'whsec_ParleyFakeWebhookSecret0000', publishableKey: 'pk_test_51ParleyFakeKey0000000000', currencies: ['usd'], minAmount: 1, maxAmount: 5000 };

beforeEach(() => {
  const stripe = new FakeStripe();
  stripe.addKey(SECRET_KEY);
  vi.stubGlobal('fetch', stripe.fetch);
});
afterEach(() => vi.unstubAllGlobals());

/** An org with a two-role template (Customer and Cosigner sign) and, when asked, Stripe connected. */
async function setup({ stripe = true } = {}) {
  const org = await makeOrg();
  const template = await call('POST', '/api/v1/templates', {
    token: org.admin.token,
    body: documentForm(
      await makePdf(1),
      { roles: [{ name: 'Customer' }, { name: 'Cosigner' }], fields: [signatureField('sig', 'Customer'), { ...signatureField('co', 'Cosigner'), rect: { x: 72, y: 300, width: 200, height: 40 } }] },
      { name: 'Loan agreement' },
    ),
  });
  expect(template.status, template.text).toBe(201);
  if (stripe) expect((await call('PUT', '/api/v1/payments/stripe', { token: org.admin.token, body: ACCOUNT })).status).toBe(200);
  return { org, templateId: template.json.id as string };
}

const onboarding = (templateId: string) => ({
  name: 'Loan onboarding',
  roles: [{ name: 'Customer' }, { name: 'Cosigner', required: false }],
  steps: [
    { kind: 'document_request', documents: [{ category: 'id_card' }], role: 'Customer' },
    { kind: 'template', templateId },
    { kind: 'payment', amount: 2500, currency: 'USD', description: 'Arrangement fee', optional: true },
  ],
});

const create = (org: Org, body: unknown, token = org.admin.token) => call('POST', '/api/v1/workflows', { token, body });

describe('building a workflow', () => {
  it('saves roles and ordered steps, with defaults filled in, and lists it for agents', async () => {
    const { org, templateId } = await setup();
    const made = await create(org, onboarding(templateId));
    expect(made.status, made.text).toBe(201);
    expect(made.json).toMatchObject({
      name: 'Loan onboarding',
      version: 1,
      currentVersion: 1,
      roles: [
        { name: 'Customer', required: true },
        { name: 'Cosigner', required: false },
      ],
      steps: [
        { kind: 'document_request', optional: false, role: 'Customer' },
        { kind: 'template', templateId, optional: false },
        { kind: 'payment', amount: 2500, currency: 'usd', optional: true },
      ],
    });
    expect(made.json.id).toMatch(/^wfl_/);
    const list = await call('GET', '/api/v1/workflows', { token: org.alice.token });
    expect(list.json.workflows).toEqual([{ id: made.json.id, name: 'Loan onboarding', version: 1, steps: 3, updatedAt: made.json.createdAt }]);
    expect((await call('GET', `/api/v1/workflows/${made.json.id}`, { token: org.alice.token })).json).toEqual(made.json);
  });

  it('names every problem at its field: an unknown template, a role nobody has, a payment outside the limits, a role acting nowhere', async () => {
    const { org, templateId } = await setup();
    const bad = await create(org, {
      name: 'Broken',
      roles: [{ name: 'Customer' }, { name: 'Guarantor' }, { name: 'Customer' }],
      steps: [
        { kind: 'template', templateId: 'tpl_AAAAAAAAAAAAAAAA' },
        { kind: 'template', templateId, roles: { Witness: 'Customer' } },
        { kind: 'payment', amount: 900_000, currency: 'usd', description: 'Deposit', role: 'Payer' },
      ],
    });
    expect(bad.status).toBe(422);
    expect(bad.json.error.code).toBe('invalid_workflow');
    const fields = (bad.json.error.issues as { field: string; message: string }[]).map((d) => `${d.field}: ${d.message}`);
    expect(fields).toEqual([
      'body.roles.2.name: duplicate role "Customer"',
      'body.steps.0.templateId: no template tpl_AAAAAAAAAAAAAAAA in Assets',
      'body.steps.1.roles.Witness: the template has no role "Witness" (its roles: Customer, Cosigner)',
      'body.steps.1.roles.Cosigner: the template\'s role "Cosigner" needs one of the workflow\'s roles (Customer, Guarantor) or "Agent"',
      'body.steps.2.role: no role "Payer" in this workflow (Customer, Guarantor)',
      'body.steps.2.amount: between 1.00 and 5000.00 usd, as your admin set',
      'body.roles.1: "Guarantor" acts in no step',
    ]);
    // Nothing was saved.
    expect((await call('GET', '/api/v1/workflows', { token: org.admin.token })).json.workflows).toEqual([]);
  });

  it('refuses a payment step while Stripe is not connected, and a workflow whose every step is optional', async () => {
    const { org } = await setup({ stripe: false });
    const res = await create(org, { name: 'Pay only', steps: [{ kind: 'payment', amount: 100, currency: 'usd', description: 'Fee', optional: true }] });
    expect(res.status).toBe(422);
    expect(res.json.error.message).toBe(
      'body.steps.0: payments are not set up: an admin must connect Stripe first (PUT /api/v1/payments/stripe); body.steps: at least one step must not be optional',
    );
  });

  it('versions it: a new version may rename it, the old one stays readable; a name is the org’s once', async () => {
    const { org, templateId } = await setup();
    const first = (await create(org, onboarding(templateId))).json;
    const second = await call('POST', `/api/v1/workflows/${first.id}/versions`, {
      token: org.admin.token,
      body: { ...onboarding(templateId), name: 'Loan onboarding (2027)', steps: onboarding(templateId).steps.slice(0, 2) },
    });
    expect(second.status, second.text).toBe(201);
    expect(second.json).toMatchObject({ version: 2, currentVersion: 2, name: 'Loan onboarding (2027)' });
    expect(second.json.steps).toHaveLength(2);
    expect((await call('GET', `/api/v1/workflows/${first.id}?version=1`, { token: org.alice.token })).json).toMatchObject({ version: 1, currentVersion: 2 });
    expect((await call('GET', `/api/v1/workflows/${first.id}?version=3`, { token: org.alice.token })).status).toBe(404);

    const again = await create(org, { ...onboarding(templateId), name: 'Loan onboarding (2027)' });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('duplicate');
  });

  it('is written by admins only, and another org’s is not there', async () => {
    const { org, templateId } = await setup();
    expect((await create(org, onboarding(templateId), org.alice.token)).status).toBe(403);
    const made = (await create(org, onboarding(templateId))).json;
    const other = await makeOrg('Other');
    expect((await call('GET', `/api/v1/workflows/${made.id}`, { token: other.alice.token })).status).toBe(404);
    expect((await call('POST', `/api/v1/workflows/${made.id}/versions`, { token: other.admin.token, body: { name: 'Mine', steps: [{ kind: 'document_request', documents: [{ category: 'passport' }] }] } })).status).toBe(404);
    expect((await call('GET', '/api/v1/workflows', { token: other.alice.token })).json.workflows).toEqual([]);
  });
});
