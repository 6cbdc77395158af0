// The demo org's templates (POST /dev/demo-org, ui/dev-demo-templates.ts):
// made once, with real PDFs, and usable at once: a session sends each, the
// customer fills and signs them, and the agent countersigns the form.
import { exports } from 'cloudflare:workers';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { BASE, Browser, call, outboxFor, startSession } from '../../helpers/world';

interface Seed {
  orgId: string;
  agentId: string;
  agentToken: string;
  adminToken: string;
  templates: Array<{ id: string; name: string }>;
}

async function seed(): Promise<Seed> {
  const res = await call('POST', '/dev/demo-org');
  expect(res.status, res.text).toBe(200);
  return res.json as Seed;
}

const drawn = { kind: 'drawn', png: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==' };
const text = (t: string) => ({ kind: 'text', text: t });

describe('the demo org', () => {
  it('has its two templates, made once, with real PDFs', async () => {
    const first = await seed();
    const again = await seed();
    expect(first.templates.map((t) => t.name)).toEqual(['Engagement letter', 'New client form']);
    expect(again.templates).toEqual(first.templates);
    const listed = await call('GET', '/api/v1/templates', { token: first.agentToken });
    expect(listed.json.templates.map((t: { id: string }) => t.id)).toEqual(first.templates.map((t) => t.id));

    const [letter, form] = await Promise.all(first.templates.map(async (t) => (await call('GET', `/api/v1/templates/${t.id}`, { token: first.agentToken })).json));
    expect(letter.roles).toEqual([{ name: 'Customer', required: true }]);
    expect(letter.fields.map((f: { type: string }) => f.type)).toEqual(['signature']);
    expect(form.roles.map((r: { name: string }) => r.name)).toEqual(['Customer', 'Agent']);
    expect(form.signingOrder).toBe('sequential');
    expect(new Set(form.fields.map((f: { type: string }) => f.type))).toEqual(new Set(['full_name', 'email', 'phone', 'text', 'dropdown', 'radio', 'checkbox', 'signature', 'date_signed']));
    expect(form.fields.find((f: { validation?: { format?: string } }) => f.validation?.format === 'date')).toBeDefined();
    expect(form.fields.filter((f: { role: string; type: string }) => f.role === 'Agent' && f.type === 'signature')).toHaveLength(1);

    for (const t of [letter, form]) {
      const pdf = await exports.default.fetch(new Request(`${BASE}/api/v1/templates/${t.id}/pdf`, { headers: { Authorization: `Bearer ${first.agentToken}` } }));
      expect(pdf.status).toBe(200);
      const doc = await PDFDocument.load(await pdf.arrayBuffer());
      expect(doc.getTitle()).toBe(t.name);
      expect(doc.getPages().map((p) => p.getSize())).toEqual([{ width: 612, height: 792 }]);
    }
  });

  it('makes another org like it by name, once, apart from the demo org; a name that is no name is refused at its field', async () => {
    const name = `Bench org ${crypto.randomUUID().slice(0, 8)}`;
    const made = await call('POST', '/dev/demo-org', { body: { org: name } });
    const again = await call('POST', '/dev/demo-org', { body: { org: name, ttlHours: 2 } });
    const demo = await seed();
    expect([made.status, again.status]).toEqual([200, 200]);
    expect(again.json.orgId).toBe(made.json.orgId);
    expect(made.json.orgId).not.toBe(demo.orgId);
    expect(made.json.templates.map((t: { name: string }) => t.name)).toEqual(['Engagement letter', 'New client form']);
    const me = await call('GET', '/api/v1/me', { token: made.json.agentToken });
    expect(me.json.agent.orgName).toBe(name);
    for (const org of ['', ' ', 'x'.repeat(81), 7]) {
      const refused = await call('POST', '/dev/demo-org', { body: { org } });
      expect([refused.status, refused.json.error.message]).toEqual([422, "body.org: an org's name, 1 to 80 characters"]);
    }
    expect((await call('POST', '/dev/demo-org', { body: { orgs: 2 } })).json.error.message).toBe('body: only ttlHours and org');
  });

  it('sends each template in a session; the customer signs both and the agent countersigns the form', async () => {
    const demo = await seed();
    const [letter, form] = demo.templates.map((t) => t.id);
    const s = await startSession({ id: demo.agentId, token: demo.agentToken }, { name: 'Dana Demo', email: `dana-${crypto.randomUUID()}@example.com` });
    const sessionId = s.session.id as string;
    const dana = new Browser();
    await dana.open((await outboxFor(sessionId))[0]!.link);
    expect((await dana.request('POST', '/room/api/consent')).status).toBe(200);

    const send = async (templateId: string) => {
      const sent = await call('POST', `/api/v1/sessions/${sessionId}/documents`, { token: demo.agentToken, body: { templateId } });
      expect(sent.status, sent.text).toBe(201);
      return sent.json.item.id as string;
    };
    const fill = async (itemId: string, field: string, value: unknown) => {
      const res = await dana.request('PUT', `/room/api/documents/${itemId}/fields/${field}`, { value });
      expect(res.status, `${field}: ${res.text}`).toBe(200);
    };

    const letterItem = await send(letter!);
    await fill(letterItem, 'signature', drawn);
    const letterDone = await dana.request('POST', `/room/api/documents/${letterItem}/complete`);
    expect(letterDone.status, letterDone.text).toBe(200);
    expect(letterDone.json.item.status).toBe('completed');

    const formItem = await send(form!);
    await fill(formItem, 'full_name', text('Dana Demo'));
    await fill(formItem, 'email', text('dana.demo@example.com'));
    await fill(formItem, 'phone', text('+14155550123'));
    await fill(formItem, 'birth_date', text('1990-04-12'));
    await fill(formItem, 'plan', text('Standard'));
    await fill(formItem, 'contact_by', text('Text message'));
    await fill(formItem, 'terms', { kind: 'checked', checked: true });
    await fill(formItem, 'customer_signature', drawn);
    const customerDone = await dana.request('POST', `/room/api/documents/${formItem}/complete`);
    expect(customerDone.status, customerDone.text).toBe(200);
    expect(customerDone.json.item.status).toBe('in_progress');

    const agentApi = `/api/v1/sessions/${sessionId}/documents/${formItem}`;
    expect((await call('PUT', `${agentApi}/fields/agent_signature`, { token: demo.agentToken, body: { value: { kind: 'typed', text: 'Alex Agent' } } })).status).toBe(200);
    const done = await call('POST', `${agentApi}/complete`, { token: demo.agentToken });
    expect(done.status, done.text).toBe(200);
    expect(done.json.item.status).toBe('completed');
  });
});
