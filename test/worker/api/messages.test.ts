// Chat with text and attachments: settings, size limit, type from the bytes, downloads.
import { describe, expect, it } from 'vitest';
import { Browser, call, makeOrg, outboxFor, startSession } from '../../helpers/world';
import { MAX_ATTACHMENT_BYTES } from '../../../worker/src/domain/file-type';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);

async function setup(settings?: unknown) {
  const org = await makeOrg();
  if (settings) await call('PATCH', '/api/v1/settings', { token: org.admin.token, body: settings });
  const s = await startSession(org.alice, { name: 'Cora', email: `m-${crypto.randomUUID()}@example.com` });
  const b = new Browser();
  await b.open((await outboxFor(s.session.id))[0]!.link);
  return { org, id: s.session.id as string, b };
}

function form(bytes: Uint8Array, name: string, extra: Record<string, string> = {}) {
  const f = new FormData();
  f.append('file', new File([bytes], name));
  for (const [k, v] of Object.entries(extra)) f.append(k, v);
  return f;
}

describe('chat', () => {
  it('carries messages both ways, in order', async () => {
    const { org, id, b } = await setup();
    expect((await call('POST', `/api/v1/sessions/${id}/messages`, { token: org.alice.token, body: { text: 'Hello Cora' } })).status).toBe(201);
    expect((await b.request('POST', '/room/api/messages', { text: 'Hi! <script>alert(1)</script>' })).status).toBe(201);
    const state = (await b.request('GET', '/room/api/state')).json;
    expect(state.messages.map((m: any) => [m.author.kind, m.text])).toEqual([
      ['agent', 'Hello Cora'],
      ['participant', 'Hi! <script>alert(1)</script>'],
    ]);
    // User text is escaped in the page.
    const page = await b.request('GET', '/room');
    expect(page.text).toContain('Hi! &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.text).not.toContain('<script>alert(1)');
  });

  it('follows the customer chat setting', async () => {
    const { org, id, b } = await setup({ session: { customerChat: false } });
    const res = await b.request('POST', '/room/api/messages', { text: 'hello' });
    expect(res.status).toBe(403);
    expect(res.json.error.message).toContain('chat is switched off');
    // The agent can still write.
    expect((await call('POST', `/api/v1/sessions/${id}/messages`, { token: org.alice.token, body: { text: 'Hi' } })).status).toBe(201);
  });

  it('refuses empty and overlong messages, naming the field', async () => {
    const { b } = await setup();
    const empty = await b.request('POST', '/room/api/messages', { text: '   ' });
    expect(empty.status).toBe(422);
    expect(empty.json.error.issues[0].field).toBe('body.text');
    expect((await b.request('POST', '/room/api/messages', { text: 'x'.repeat(4001) })).status).toBe(422);
  });

  it('refuses room writes without the room header (no cross-site forms)', async () => {
    const { b } = await setup();
    const res = await b.request('POST', '/room/api/consent', undefined, {});
    expect(res.status).toBe(200); // with the header the Browser helper adds, it works
    const forged = await b.request('GET', '/room/api/state');
    expect(forged.status).toBe(200);
    const raw = await (await import('cloudflare:workers')).exports.default.fetch(
      new Request('https://parley.test/room/api/messages', { method: 'POST', headers: { Cookie: b.cookie!, 'Content-Type': 'application/json' }, body: '{"text":"x"}' }),
    );
    expect(raw.status).toBe(403);
  });
});

describe('attachments', () => {
  it('stores a file under a random key, typed from its bytes, and serves it as a download', async () => {
    const { org, id, b } = await setup();
    const up = await b.request('POST', '/room/api/attachments', form(PNG, 'my id card.png', { text: 'my ID' }));
    expect(up.status).toBe(201);
    expect(up.json.file).toMatchObject({ name: 'my id card.png', type: 'image/png', size: PNG.byteLength });
    expect(up.json.text).toBe('my ID');
    const dl = await call('GET', `/api/v1/sessions/${id}/files/${up.json.file.id}`, { token: org.alice.token });
    expect(dl.status).toBe(200);
    expect(dl.headers.get('Content-Type')).toBe('image/png');
    expect(dl.headers.get('Content-Disposition')).toContain('attachment;');
    expect(dl.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it('names the type by the content, whatever the file is called', async () => {
    const { b } = await setup();
    const disguised = await b.request('POST', '/room/api/attachments', form(new TextEncoder().encode('<html><script>x</script>'), 'photo.png'));
    expect(disguised.status).toBe(415);
    expect(disguised.json.error.message).toContain('not a PDF, PNG, JPEG');
    const renamed = await b.request('POST', '/room/api/attachments', form(PNG, 'invoice.pdf'));
    expect(renamed.json.file.name).toBe('invoice.pdf.png');
  });

  it('refuses empty and oversized files', async () => {
    const { b } = await setup();
    expect((await b.request('POST', '/room/api/attachments', form(new Uint8Array(), 'x.png'))).status).toBe(422);
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(PNG);
    const res = await b.request('POST', '/room/api/attachments', form(big, 'big.png'));
    expect(res.status).toBe(413);
    expect(res.json.error.message).toMatch(/10 MB/);
    const noFile = new FormData();
    noFile.append('text', 'no file');
    expect((await b.request('POST', '/room/api/attachments', noFile)).json.error.message).toContain('file');
  });

  it('follows the customer attachments setting', async () => {
    const { b } = await setup({ session: { customerAttachments: false } });
    const res = await b.request('POST', '/room/api/attachments', form(PNG, 'a.png'));
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('attach_disabled');
  });

  it("another session's participant cannot download the file", async () => {
    const { b } = await setup();
    const up = await b.request('POST', '/room/api/attachments', form(PNG, 'a.png'));
    const other = await setup();
    expect((await other.b.request('GET', `/room/api/files/${up.json.file.id}`)).status).toBe(404);
  });
});
