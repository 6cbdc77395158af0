// Machinery for the route fuzzer (test/worker/api/fuzz.test.ts): request
// recipes that fast-check can generate and print compactly, turning them into
// real Requests, the checks every answer must pass, and a readable
// reproduction when one does not.
import fc from 'fast-check';
import { exports } from 'cloudflare:workers';
import { errorSchema } from '../../worker/src/contract/errors';
import { checkAnswer } from './contract-check';
import { BASE } from './world';

// ───────────────────────────── request recipes ─────────────────────────────

/** A body, described small enough that a failing case prints readably; built at send time. */
export type BodySpec =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown; contentType?: string }
  | { kind: 'text'; text: string; contentType?: string }
  | { kind: 'deep'; depth: number; open: '[' | '{"a":' }
  | { kind: 'huge'; bytes: number; contentType: string }
  | { kind: 'form'; parts: FormPart[]; contentType?: string }
  | { kind: 'raw-multipart'; text: string; contentType: string };

export type FormPart =
  | { name: string; value: string }
  | { name: string; file: { magic: Magic; bytes: number[]; filename: string; type: string } };

export const MAGIC = {
  none: [],
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  pdf: [0x25, 0x50, 0x44, 0x46, 0x2d],
  jpeg: [0xff, 0xd8, 0xff],
  gif: [...'GIF89a'].map((c) => c.charCodeAt(0)),
  webp: [...'RIFF\0\0\0\0WEBP'].map((c) => c.charCodeAt(0)),
  heic: [...'\0\0\0\x18ftypheic'].map((c) => c.charCodeAt(0)),
} as const;
export type Magic = keyof typeof MAGIC;

/** A concrete request: what was sent, kept to print a reproduction. */
export interface Req {
  method: string;
  path: string; // path and query, as sent
  headers: Record<string, string>;
  body: BodySpec;
}

export interface Res {
  status: number;
  contentType: string;
  text: string;
  json: any;
  headers: Headers;
  upgraded: boolean;
}

export function buildBody(spec: BodySpec): { body: BodyInit | undefined; contentType: string | undefined } {
  switch (spec.kind) {
    case 'none':
      return { body: undefined, contentType: undefined };
    case 'json':
      return { body: JSON.stringify(spec.value) ?? 'undefined', contentType: spec.contentType ?? 'application/json' };
    case 'text':
      return { body: spec.text, contentType: spec.contentType };
    case 'deep':
      return { body: spec.open.repeat(spec.depth) + (spec.open === '[' ? '' : '1') + (spec.open === '[' ? ']' : '}').repeat(spec.depth), contentType: 'application/json' };
    case 'huge': {
      // A valid JSON object of exactly `bytes` bytes: {"text":"xxxx…"}.
      const filler = Math.max(0, spec.bytes - '{"text":""}'.length);
      return { body: `{"text":"${'x'.repeat(filler)}"}`, contentType: spec.contentType };
    }
    case 'form': {
      const form = new FormData();
      // workerd's FormData refuses a name or file name ending in a backslash (a TypeError in the test, not the Worker).
      const safe = (n: string) => (n.endsWith('\\') ? `${n}_` : n);
      for (const p of spec.parts) {
        if ('value' in p) form.append(safe(p.name), p.value);
        else form.append(safe(p.name), new File([new Uint8Array([...MAGIC[p.file.magic], ...p.file.bytes])], safe(p.file.filename), { type: p.file.type }));
      }
      // No explicit type: the runtime adds multipart/form-data with the right boundary.
      return { body: form, contentType: spec.contentType };
    }
    case 'raw-multipart':
      return { body: spec.text, contentType: spec.contentType };
  }
}

/**
 * Send through the Worker's own fetch handler, as the runtime would. A JSON
 * answer of an /api/ route is held against what the route declares
 * (contract-check.ts); one that breaks it fails here, with a reproduction.
 */
export async function send(req: Req): Promise<Res> {
  const headers: Record<string, string> = { ...req.headers };
  const { body, contentType } = req.method === 'GET' || req.method === 'HEAD' ? { body: undefined, contentType: undefined } : buildBody(req.body);
  if (contentType !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = contentType;
  const res = await exports.default.fetch(new Request(BASE + req.path, { method: req.method, headers, body, redirect: 'manual' }));
  const upgraded = !!res.webSocket;
  if (res.webSocket) {
    // A socket that opened: close it at once, so nothing dangles between runs.
    res.webSocket.accept();
    res.webSocket.close(1000, 'fuzz');
  }
  const text = new TextDecoder().decode(await res.arrayBuffer());
  let json: any = undefined;
  const contentType_ = res.headers.get('Content-Type') ?? '';
  if (contentType_.includes('json')) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  const answer: Res = { status: res.status, contentType: contentType_, text, json, headers: res.headers, upgraded };
  // Where the request really landed, after the URL parser resolved ../ and %2e%2e.
  const landed = new URL(BASE + req.path);
  if (json !== undefined && landed.pathname.startsWith('/api/')) {
    try {
      checkAnswer(req.method, landed.pathname + landed.search, res.status, json);
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${reproduction(req, answer)}`);
    }
  }
  return answer;
}

// ───────────────────────────────── checks ─────────────────────────────────

/** Everything wrong with one answer; empty when it is fine. */
export function problems(req: Req, res: Res): string[] {
  const out: string[] = [];
  if (res.status >= 500) out.push(`status ${res.status} (server error) for bad input`);
  // Where the request really landed, after the URL parser resolved ../ and %2e%2e.
  const landed = new URL(BASE + req.path).pathname;
  const isApi = landed.startsWith('/api/') || landed.startsWith('/room/api/');
  if (res.status >= 400 && res.status < 500 && req.method !== 'HEAD') {
    if (res.contentType.includes('json')) {
      const shape = errorShapeProblem(res.json);
      if (shape) out.push(`4xx JSON error has the wrong shape: ${shape}`);
    } else if (isApi) {
      out.push(`4xx from an API route is not JSON (Content-Type "${res.contentType}")`);
    }
  }
  return out;
}

/** What is wrong with an error body: the contract's one error shape (errorSchema), with a code and a message that say something. */
export function errorShapeProblem(json: unknown): string | null {
  if (json === undefined) return 'body is not JSON';
  const parsed = errorSchema.safeParse(json);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  if (parsed.data.error.code.length === 0) return 'error.code is empty';
  if (parsed.data.error.message.trim().length === 0) return 'error.message is empty';
  return null;
}

/** Fail (for real) with a reproduction a person can paste into curl. */
export function assertSane(req: Req, res: Res): void {
  const found = problems(req, res);
  if (found.length) throw new Error(`${found.join('; ')}\n${reproduction(req, res)}`);
}

export function reproduction(req: Req, res?: Res): string {
  const lines = [`  ${req.method} ${req.path}`];
  for (const [k, v] of Object.entries(req.headers)) lines.push(`  ${k}: ${clip(v, 200)}`);
  if (req.method !== 'GET' && req.method !== 'HEAD') lines.push(`  body: ${describeBody(req.body)}`);
  if (res) lines.push(`  → ${res.status} ${res.contentType} ${clip(res.text, 400)}`);
  return lines.join('\n');
}

export function describeBody(b: BodySpec): string {
  switch (b.kind) {
    case 'none':
      return '(none)';
    case 'json':
      return `${b.contentType ?? 'application/json'} ${clip(JSON.stringify(b.value) ?? 'undefined', 300)}`;
    case 'text':
      return `${b.contentType ?? '(no type)'} ${JSON.stringify(clip(b.text, 300))}`;
    case 'deep':
      return `application/json, ${b.depth} levels of ${b.open}…`;
    case 'huge':
      return `${b.contentType}, {"text":"xxx…"} of ${b.bytes} bytes`;
    case 'form':
      return `${b.contentType ?? 'multipart/form-data (runtime boundary)'} parts: ${clip(
        JSON.stringify(b.parts.map((p) => ('value' in p ? { [p.name]: clip(p.value, 60) } : { [p.name]: { ...p.file, bytes: `${MAGIC[p.file.magic].length}+${p.file.bytes.length} bytes` } }))),
        400,
      )}`;
    case 'raw-multipart':
      return `${b.contentType} ${JSON.stringify(clip(b.text, 300))}`;
  }
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

// ───────────────────────────── arbitraries ─────────────────────────────

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const alnum = (n: number) => fc.string({ unit: fc.constantFrom(...ALNUM), minLength: n, maxLength: n });
/** A well-formed id of an object that does not exist. */
export const wellFormedId = (prefix: string) => alnum(16).map((s) => `${prefix}_${s}`);

/** Strings known to upset parsers, routers, SQL and path handling. */
export const NASTY = [
  '',
  ' ',
  '../',
  '../../../etc/passwd',
  '..%2F..%2Fadmin',
  '%00',
  '\u0000',
  "'",
  "' OR '1'='1",
  '"; DROP TABLE sessions; --',
  '%',
  '%E0%A4%A',
  '%ZZ',
  '%25',
  '?',
  '#',
  '/',
  '//',
  '\\',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '0x10',
  '🙂',
  '\u202e\u202d',
  'ses_',
  'ses_AAAAAAAAAAAAAAAA/../x',
  'ses_AAAAAAAAAAAAAAAA%2F..',
  'ses_ＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡＡ',
  '\ud800',
  '\udfff\ud800',
  '\ufeff',
  'a\r\nb',
  '<script>alert(1)</script>',
  '${7*7}',
];
const weirdUnit = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom('\ud800', '\udc00', '\u0000', '\ufeff', '\u202e', '\u0301', '%', '/', '.', '"', "'", '\\') },
);
export const weirdString = fc.string({ unit: weirdUnit, maxLength: 40 });
export const longString = fc
  .tuple(fc.constantFrom('a', 'é', '🙂', '%', '/', '\u0000'), fc.integer({ min: 300, max: 6000 }))
  .map(([c, n]) => c.repeat(n));
export const anyString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 3, arbitrary: weirdString },
  { weight: 1, arbitrary: longString },
);

/** Header-safe text: printable ASCII (Latin-1 works too, but workerd warns on every use; one token covers it). */
const headerUnit = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
export const headerValue = fc.oneof(fc.string({ unit: headerUnit, maxLength: 60 }), fc.integer({ min: 200, max: 3000 }).map((n) => 'h'.repeat(n)));

/** Percent-encode a path segment; lone surrogates (which encodeURIComponent refuses) become U+FFFD. */
export function encodeSegment(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd'));
  }
}
/** Inserted as is: only printable ASCII, so the URL parser sees exactly this (../ included). */
export const rawSafe = (s: string) => /^[\x21-\x7e]*$/.test(s) && !s.includes('#') && !s.includes('?');

/** Strings of length max-3 … max+1, of one character that is 1, 2 or 4 bytes long or special to SQL LIKE. */
export const atLength = (max: number) =>
  fc.tuple(fc.integer({ min: Math.max(0, max - 3), max: max + 1 }), fc.constantFrom('a', 'é', '𐀀', '%', '_', '\\', ' x')).map(([n, c]) => c.repeat(Math.ceil(n / c.length)).slice(0, n));

/**
 * Notification settings' strings by field name: mostly values that pass (so a
 * PATCH gets past validation and is stored and rendered), and near misses.
 */
const NOTIFICATION_VALUES: Record<string, string[]> = {
  timeZone: ['UTC', 'Europe/London', 'America/New_York', 'Asia/Kolkata', 'Etc/GMT+5', 'Mars/Olympus', '+02:00', 'Europe/London/../x'],
  from: ['00:00', '08:30', '12:00', '23:59', '24:00', '9:00'],
  to: ['00:00', '09:00', '17:30', '23:59', '24:00', '18:00:00'],
  defaultPhonePrefix: ['+1', '+44', '+972', '+999', '44', '+'],
  smsSenderName: ['Parley', 'Acme Bank', 'A1', '12345', 'Acme-Bank', 'Twelve chars'],
  emailSenderName: ['Acme Support', 'Zoë & Co', 'Acme <x@example.com>', 'a\r\nBcc: x@example.com'],
  smsLong: ['{orgName}: your room is ready', 'Hi {customerName} ({roleName})', 'Open {link}', '{unknown}', '🙂'.repeat(35)],
  smsShort: ['Hi {customerName}, {agentName} from {orgName} has a room for you:', '{orgName}'.repeat(14), 'x'.repeat(130)],
  emailSubject: ['{agentName} from {orgName}', 'Two\nlines', '<b>{customerName}</b>'],
  emailHtml: ['<a href="{link}">{customerName}</a>', '<p>{agentName} {orgName} {roleName}</p><script>{link}</script>', '<p>no link</p>', '{link}{nope}'],
};

/** A JSON value from (a small subset of) JSON Schema, mostly valid, using real ids where a pattern names an id. */
export function schemaArb(s: any, idsFor: (prefix: string) => string[], key = '', depth = 0): fc.Arbitrary<unknown> {
  if (!s || depth > 6) return fc.jsonValue({ maxDepth: 2 });
  if (s.anyOf || s.oneOf) return fc.oneof(...(s.anyOf ?? s.oneOf).map((x: any) => schemaArb(x, idsFor, key, depth + 1)));
  if (s.enum) return fc.constantFrom(...s.enum);
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((t: string) => schemaArb({ ...s, type: t }, idsFor, key, depth + 1)));
  switch (s.type) {
    case 'object': {
      const props: Record<string, any> = s.properties ?? {};
      const model = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, schemaArb(v, idsFor, k, depth + 1)]));
      return fc.record(model, { requiredKeys: (s.required ?? []).filter((k: string) => k in props) });
    }
    case 'array':
      return fc.array(schemaArb(s.items, idsFor, key, depth + 1), { minLength: s.minItems ?? 0, maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 4, 4)) });
    case 'string': {
      const id = typeof s.pattern === 'string' ? /^\^([a-z]+)_\[0-9A-Za-z\]\{16\}\$$/.exec(s.pattern) : null;
      if (id) {
        const real = idsFor(id[1]!);
        return real.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...real) }, { weight: 1, arbitrary: wellFormedId(id[1]!) }) : wellFormedId(id[1]!);
      }
      if (s.format === 'email' || key === 'email') return fc.oneof(fc.emailAddress(), fc.constantFrom('cora@example.com', 'ÜBER@example.com', 'a@b'));
      if (key === 'phone') return fc.constantFrom('+14155550123', '+447911123456', '+33612345678', '+1 415 555 0199', '4155550123');
      if (Object.hasOwn(NOTIFICATION_VALUES, key)) {
        const beyond = typeof s.maxLength === 'number' ? atLength(s.maxLength) : weirdString;
        return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...NOTIFICATION_VALUES[key]!) }, { weight: 1, arbitrary: beyond });
      }
      if (s.format === 'uri') return fc.oneof(fc.webUrl(), fc.constantFrom('javascript:alert(1)', 'https://', 'ftp://x.example'));
      const min = s.minLength ?? 0;
      const max = Math.max(min, Math.min(s.maxLength ?? 40, 40));
      const choices: fc.WeightedArbitrary<string>[] = [
        { weight: 4, arbitrary: fc.string({ minLength: Math.max(min, 1), maxLength: max }) },
        { weight: 1, arbitrary: weirdString },
      ];
      // Right at the limit (and one past it), in characters that take 1, 2 or 4 bytes or need escaping.
      if (typeof s.maxLength === 'number') choices.push({ weight: 2, arbitrary: atLength(s.maxLength) });
      return fc.oneof(...choices);
    }
    case 'integer':
      return fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 1000 }) },
        { weight: 1, arbitrary: fc.constantFrom(-1, 0, 1e15, 2 ** 53 + 1, 1.5) },
      );
    case 'number':
      return fc.double();
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value of the wrong kind for wherever it lands. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  anyString,
  fc.constantFrom(null, true, false, 0, -1, 1e308, -0, 2 ** 53 + 1, [], {}, [[[[[]]]]], { $gt: '' }),
  fc.integer({ min: 20, max: 200 }).map((n) => JSON.parse('{"a":'.repeat(n) + '1' + '}'.repeat(n))),
);

/** Replace, remove, add or wrap one spot in a JSON value. */
export function mutate(value: unknown, pick: number, wrong: unknown, how: 'set' | 'delete' | 'add' | 'wrap'): unknown {
  const root = structuredClone(value);
  const spots: { parent: any; key: string | number }[] = [];
  const walk = (v: any) => {
    if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        spots.push({ parent: v, key: Array.isArray(v) ? Number(k) : k });
        walk(v[k]);
      }
    }
  };
  walk(root);
  if (spots.length === 0 || (how === 'add' && (!root || typeof root !== 'object'))) return how === 'wrap' ? [root] : wrong;
  const { parent, key } = spots[pick % spots.length]!;
  if (how === 'set') parent[key] = wrong;
  else if (how === 'delete') Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key];
  else if (how === 'wrap') parent[key] = [parent[key]];
  else (root as any)[`unexpected_${pick % 7}`] = wrong;
  return root;
}

export const mutated = (valid: fc.Arbitrary<unknown>) =>
  fc.tuple(valid, fc.nat(), wrongValue, fc.constantFrom('set', 'delete', 'add', 'wrap') as fc.Arbitrary<'set' | 'delete' | 'add' | 'wrap'>).map(([v, i, w, how]) => mutate(v, i, w, how));

/** Text that is not JSON, sent as application/json. */
export const notJson = fc.oneof(
  fc.constantFrom('{', '{"a":', '[1,]', "{'a':1}", 'undefined', 'NaN', '{"a":1}}', '\ufeff{}', '{"a":01}', '{"a":"\\x41"}', '{"a":"\\ud800"}', '\u0000', '{"text":"\u0000"}', 'true false', ' '),
  fc.string({ maxLength: 50 }),
  weirdString,
);

export const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=nope',
  'application/vnd.api+json',
  '',
  'application/json, text/html',
];

/** Bodies for any route that takes one. */
export function bodyArb(validish: fc.Arbitrary<unknown>, formArb: fc.Arbitrary<BodySpec>, multipartRoute: boolean): fc.Arbitrary<BodySpec> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant<BodySpec>({ kind: 'none' }) },
    { weight: multipartRoute ? 1 : 4, arbitrary: validish.map<BodySpec>((value) => ({ kind: 'json', value })) },
    { weight: multipartRoute ? 1 : 4, arbitrary: mutated(validish).map<BodySpec>((value) => ({ kind: 'json', value })) },
    { weight: 2, arbitrary: fc.jsonValue().map<BodySpec>((value) => ({ kind: 'json', value })) },
    { weight: 1, arbitrary: fc.constant<BodySpec>({ kind: 'text', text: '', contentType: 'application/json' }) },
    { weight: 2, arbitrary: notJson.map<BodySpec>((text) => ({ kind: 'text', text, contentType: 'application/json' })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 1000, max: 12_000 }), fc.constantFrom<'[' | '{"a":'>('[', '{"a":'))
        .map<BodySpec>(([depth, open]) => ({ kind: 'deep', depth: open === '[' ? depth * 2 : depth, open })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(64 * 1024 + 1, 64 * 1024 + 17, 70_000, 64 * 1024), fc.constantFrom('application/json', 'text/plain'))
        .map<BodySpec>(([bytes, contentType]) => ({ kind: 'huge', bytes, contentType })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(validish, fc.constantFrom(...CONTENT_TYPES)).map<BodySpec>(([value, contentType]) => ({ kind: 'json', value, contentType })),
    },
    { weight: multipartRoute ? 8 : 1, arbitrary: formArb },
  );
}

/** Multipart bodies: a file with random bytes (sometimes behind a real file signature), odd names and extra fields. */
export function formBodyArb(threadIds: string[]): fc.Arbitrary<BodySpec> {
  const filename = fc.oneof(
    fc.constantFrom('x.png', 'doc.pdf', '', '../../etc/passwd', 'a"b.png', 'a\r\nContent-Type: text/html\r\n\r\n.png', '日本語 ü.png', '🙂'.repeat(100), 'x'.repeat(1000), '.png', 'con.pdf', 'a%00.png', '\ud800.png'),
    // Long names of 4-byte letters, odd and even: a cut at a fixed length can split a surrogate pair.
    fc.tuple(fc.constantFrom('', 'a'), fc.integer({ min: 55, max: 70 })).map(([lead, n]) => `${lead}${'𐀀'.repeat(n)}.png`),
    weirdString,
  );
  const file = fc.record({
    magic: fc.constantFrom<Magic>('none', 'png', 'pdf', 'jpeg', 'gif', 'webp', 'heic', 'png', 'pdf'),
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 200 }),
    filename,
    type: fc.constantFrom('image/png', 'application/pdf', 'text/html', '', 'application/x-msdownload', 'image/svg+xml'),
  });
  const threadId = fc.oneof(...(threadIds.length ? [fc.constantFrom(...threadIds)] : []), wellFormedId('thr'), anyString);
  const parts = fc
    .record(
      {
        file: fc.oneof(file.map((f): FormPart => ({ name: 'file', file: f })), anyString.map((value): FormPart => ({ name: 'file', value }))),
        second: file.map((f): FormPart => ({ name: 'file', file: f })),
        text: fc.oneof(anyString, fc.constant('t'.repeat(4001))).map((value): FormPart => ({ name: 'text', value })),
        threadId: threadId.map((value): FormPart => ({ name: 'threadId', value })),
        extra: fc.tuple(anyString, anyString).map(([name, value]): FormPart => ({ name, value })),
      },
      { requiredKeys: [] },
    )
    .map((r) => Object.values(r));
  const broken = fc.oneof(
    fc.constant({ text: '--b\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n\x89PNG\r\n\x1a\n', contentType: 'multipart/form-data; boundary=b' }),
    fc.constant({ text: '--b\r\n\r\n--b--', contentType: 'multipart/form-data; boundary=b' }),
    fc.constant({ text: 'not multipart at all', contentType: 'multipart/form-data' }),
    fc.constant({ text: '', contentType: 'multipart/form-data; boundary=b' }),
    fc.tuple(weirdString, fc.constantFrom('b', '', '"b"', 'x'.repeat(200))).map(([t, b]) => ({ text: `--b\r\n${t}\r\n--b--\r\n`, contentType: `multipart/form-data; boundary=${b}` })),
  );
  return fc.oneof(
    { weight: 5, arbitrary: parts.map<BodySpec>((p) => ({ kind: 'form', parts: p })) },
    { weight: 1, arbitrary: fc.tuple(parts, fc.constantFrom('multipart/form-data', 'multipart/form-data; boundary=wrong', 'application/json', 'text/plain')).map<BodySpec>(([p, contentType]) => ({ kind: 'form', parts: p, contentType })) },
    { weight: 2, arbitrary: broken.map<BodySpec>((b) => ({ kind: 'raw-multipart', ...b })) },
  );
}
