// @vitest-environment jsdom
// The workspace's "Send a batch" dialog script (client/workspace/batch.ts,
// with the participant list it shares with the single send,
// client/workspace/participant-list.ts) in a DOM: the dialog as the server
// renders it, fetch answering as GET /templates, GET /templates/{id} and
// POST …/batches do. The roles are asked once for the batch (the union
// across its templates), what was typed stays while the role stays, each
// document gets the choices for its own roles, and a refusal naming
// "documents.N.roles.<Role>…" lands at that role's field. Last, the shared
// fields as the single send uses them: refusals reach roles named with a dash.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BatchDialog } from '../../../worker/src/ui/workspace/batch-dialog';

// Loaded by a path TypeScript does not follow: the pages' code is typed by its own tsconfig (the browser's DOM).
const BATCH_SCRIPT: string = '../../../worker/src/ui/client/workspace/batch';
const PARTICIPANT_LIST: string = '../../../worker/src/ui/client/workspace/participant-list';
const COMMON: string = '../../../worker/src/ui/client/workspace/common';

/** The little of jsdom's DOM this file uses (the tests' tsconfig has no DOM library: the Worker's types would clash with it). */
interface El {
  id: string;
  hidden: boolean;
  value: string;
  textContent: string | null;
  innerHTML: string;
  dataset: Record<string, string | undefined>;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): Iterable<El>;
  getAttribute(name: string): string | null;
  dispatchEvent(event: Event): boolean;
}
const document = (globalThis as unknown as { document: { body: El; getElementById(id: string): El | null } }).document;
const $ = (id: string) => document.getElementById(id)!;

type Answer = { status: number; body: unknown };
const TEMPLATES = {
  tpl_lease: { name: 'Lease', roles: [{ name: 'Customer', required: true }, { name: 'Cosigner', required: true }] },
  tpl_terms: { name: 'Terms', roles: [{ name: 'Customer', required: true }, { name: 'Cosigner', required: true }, { name: 'Witness', required: false }] },
  tpl_plain: { name: 'Plain', roles: [{ name: 'Customer', required: true }, { name: 'Agent', required: true }] },
};
const calls: { url: string; method: string; body: any }[] = [];
let batchAnswer: Answer = { status: 201, body: {} };
const announced: string[] = [];

async function openDialog(channels = { smsEnabled: true, otpRequired: false }) {
  const html = String(await BatchDialog({ channels })!.toString());
  document.body.innerHTML = `<button type="button" id="batch-open" data-batch="1">Send a batch</button>${html}`;
  vi.resetModules();
  const { batchDialog } = (await import(BATCH_SCRIPT)) as { batchDialog(host: unknown): { onClick(b: El): boolean } };
  const dialog = batchDialog({ base: '/sessions/ses_1', announce: (t: string) => announced.push(t), refresh: async () => {} });
  expect(dialog.onClick($('batch-open'))).toBe(true);
  await settle();
}
const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
};
async function choose(row: number, templateId: string) {
  $(`batch-doc-${row}`).value = templateId;
  $(`batch-doc-${row}`).dispatchEvent(new Event('change', { bubbles: true }));
  await settle();
}
function type(id: string, value: string) {
  $(id).value = value;
}
async function submit() {
  $('batch-form').dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
  await settle();
}
const legends = () => [...$('batch-roles').querySelectorAll('legend')].map((l) => l.textContent);
const posted = () => calls.filter((c) => c.method === 'POST');

beforeAll(() => {
  // jsdom has no modal dialogs: opening and closing is all the script needs.
  const proto = (globalThis as any).HTMLDialogElement.prototype;
  proto.showModal ??= function (this: any) {
    this.open = true;
  };
  proto.close ??= function (this: any) {
    this.open = false;
    this.dispatchEvent(new Event('close'));
  };
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, method: init.method!, body: init.body ? JSON.parse(String(init.body)) : undefined });
    const reply = (a: Answer) => new Response(JSON.stringify(a.body), { status: a.status, headers: { 'Content-Type': 'application/json' } });
    if (url === '/api/v1/templates') return reply({ status: 200, body: { templates: Object.entries(TEMPLATES).map(([id, t]) => ({ id, name: t.name, version: 1 })) } });
    const one = /^\/api\/v1\/templates\/(\w+)$/.exec(url);
    if (one) return reply({ status: 200, body: { id: one[1], ...TEMPLATES[one[1] as keyof typeof TEMPLATES] } });
    if (url === '/api/v1/sessions/ses_1/batches') return reply(batchAnswer);
    throw new Error(`no answer for ${init.method} ${url}`);
  });
});
afterAll(() => vi.unstubAllGlobals());
beforeEach(() => {
  calls.length = 0;
  announced.length = 0;
  batchAnswer = { status: 201, body: {} };
});

describe('the batch dialog', () => {
  it('asks nothing for templates with only Customer and Agent', async () => {
    await openDialog();
    await choose(0, 'tpl_plain');
    expect($('batch-people').hidden).toBe(true);
    expect(legends()).toEqual([]);
  });

  it('asks the roles of all the chosen templates once, and sends the same contact in each document that has the role', async () => {
    await openDialog();
    await choose(0, 'tpl_lease');
    expect($('batch-people').hidden).toBe(false);
    expect(legends()).toEqual(['Cosigner (required)']);
    type('batch-role-0-name', 'Colin');
    type('batch-role-0-email', 'colin@example.com');
    await choose(1, 'tpl_terms');
    // Cosigner is in both templates: one person, asked once; what was typed stays.
    expect(legends()).toEqual(['Cosigner (required)', 'Witness (optional)']);
    expect($('batch-role-0-name').value).toBe('Colin');
    expect($('batch-people-status').textContent).toBe('Participants to give for the batch: Cosigner, Witness.');
    expect($('batch-role-1-who').value).toBe('');
    type('batch-name', 'Tenancy');
    await submit();
    expect(posted()).toHaveLength(1);
    const contact = { contact: { name: 'Colin', email: 'colin@example.com' } };
    expect(posted()[0]!.body).toEqual({
      name: 'Tenancy',
      documents: [
        { templateId: 'tpl_lease', roles: { Cosigner: contact } },
        { templateId: 'tpl_terms', roles: { Cosigner: contact } },
      ],
    });
    expect(announced).toEqual(['The batch Tenancy was sent: 2 documents, completed in order.']);
  });

  it('gives an optional role only to the documents that have it, made mandatory or left to the customer as chosen', async () => {
    await openDialog();
    await choose(0, 'tpl_lease');
    await choose(1, 'tpl_terms');
    $('batch-role-0-who').value = 'agent';
    $('batch-role-1-who').value = 'customer';
    ($('batch-role-1-mandatory') as unknown as { checked: boolean }).checked = true;
    type('batch-name', 'Pack');
    await submit();
    expect(posted()[0]!.body.documents).toEqual([
      { templateId: 'tpl_lease', roles: { Cosigner: 'agent' } },
      { templateId: 'tpl_terms', roles: { Cosigner: 'agent', Witness: { assign: 'customer', required: true } } },
    ]);
  });

  it('drops the fields of a role no chosen template has any more', async () => {
    await openDialog();
    await choose(0, 'tpl_lease');
    await choose(1, 'tpl_terms');
    await choose(1, 'tpl_plain');
    expect(legends()).toEqual(['Cosigner (required)']);
    expect(document.getElementById('batch-role-1-who')).toBeNull();
  });

  it('shows a refusal naming a document and a role at that role\'s field, and one naming a document at its row', async () => {
    await openDialog();
    await choose(0, 'tpl_lease');
    await choose(1, 'tpl_terms');
    type('batch-name', 'Tenancy');
    type('batch-role-0-name', 'Colin');
    type('batch-role-0-email', 'colin@example');
    batchAnswer = { status: 422, body: { error: { code: 'invalid_request', message: 'documents.0.roles.Cosigner.contact.email: Colin: not an email address' } } };
    await submit();
    expect($('batch-role-0-email-err').textContent).toBe('Colin: not an email address.');
    expect($('batch-role-0-email').getAttribute('aria-invalid')).toBe('true');
    expect($('batch-err').textContent).toBe('');

    batchAnswer = { status: 422, body: { error: { code: 'role_unassigned', message: 'documents.1.roles.Cosigner: this role is required; assign a participant' } } };
    await submit();
    expect($('batch-role-0-who-err').textContent).toBe('This role is required; assign a participant.');

    batchAnswer = { status: 404, body: { error: { code: 'not_found', message: 'documents.1: template not found' } } };
    await submit();
    expect($('batch-doc-1-err').textContent).toBe('Documents.1: template not found.');
    expect($('batch-role-0-who-err').textContent).toBe('');
  });

  it('follows the channel rules: no phone with text messages off, and says where the one-time code goes', async () => {
    await openDialog({ smsEnabled: false, otpRequired: true });
    await choose(0, 'tpl_lease');
    expect(document.getElementById('batch-role-0-phone')).toBeNull();
    expect($('batch-role-0-otp').textContent).toBe('A one-time code is required to enter: it goes to the email address.');
  });
});

describe('the participant list fields, as the single send uses them', () => {
  it('puts a refusal at the field of a role whose name has a dash, longest name first', async () => {
    document.body.innerHTML = '<form id="f"><p class="ws-err" data-field=""></p><div id="roles"></div></form>';
    vi.resetModules();
    const { ParticipantListFields, atRoleFields } = (await import(PARTICIPANT_LIST)) as any;
    const { showError } = (await import(COMMON)) as any;
    const fields = new ParticipantListFields($('roles'), { idPrefix: 'role', rules: { smsEnabled: true, otpRequired: false } });
    fields.show([
      { name: 'Co', required: false },
      { name: 'Co-signer', required: true },
    ]);
    const names = fields.roles().map((r: { name: string }) => r.name);
    showError($('f'), atRoleFields({ code: 'invalid_request', message: 'roles.Co-signer.contact.phone: Colin: not a phone number' }, names));
    expect($('role-1-phone-err').textContent).toBe('Colin: not a phone number.');
    expect($('role-0-phone-err').textContent).toBe('');
    // Issues from the request's schema are moved the same way.
    showError($('f'), atRoleFields({ code: 'invalid_request', message: 'invalid', issues: [{ field: 'body.documents.2.roles.Co.contact.name', message: 'required' }] }, names));
    expect($('role-0-name-err').textContent).toBe('Required.');
    // Anything else is left as it was.
    expect(atRoleFields({ code: 'x', message: 'roles.Notary: the document has no such role' }, names)).toEqual({ code: 'x', message: 'roles.Notary: the document has no such role' });
  });

  it("offers a workflow's role only to a participant or someone new, which is what a workflow takes", async () => {
    document.body.innerHTML = '<ul id="ws-participants"><li id="person-par_1" data-name="Colin" data-role="Cosigner"></li></ul><div id="roles"></div>';
    vi.resetModules();
    const { ParticipantListFields } = (await import(PARTICIPANT_LIST)) as any;
    const rules = { smsEnabled: true, otpRequired: false };
    const offered = (peopleOnly: boolean) => {
      new ParticipantListFields($('roles'), { idPrefix: 'role', rules, peopleOnly }).show([{ name: 'Guarantor', required: false }]);
      return [...$('role-0-who').querySelectorAll('option')].map((o: any) => o.value);
    };
    expect(offered(true)).toEqual(['', 'par_1', 'new']);
    expect(offered(false)).toEqual(['', 'par_1', 'new', 'customer', 'agent']);
  });
});
