// A local stand-in for Resend, the email provider Parley sends through:
// POST /emails with its documented body, API-key checks, idempotency keys,
// errors as { statusCode, message, name } with the documented statuses, and
// the webhooks each accepted email leads to, signed with Svix's scheme as
// Resend signs them. Resend's test addresses (delivered@, bounced@,
// complained@, suppressed@resend.dev) decide which webhooks follow.
//
// Web APIs only: it runs inside workerd for the Worker's tests
// (vi.stubGlobal('fetch', fake.fetch)) and behind node:http for the benchmark
// and `npm start` (serve.ts).
//
// It keeps every email it actually accepted (fake.sent: a retry answered
// from its idempotency key adds none, so duplicates are countable), every
// call (fake.calls), can be told to fail (failNext) or to leave a request
// without an answer, with or without having taken the email (timeoutNext),
// and holds the webhooks it owes (fake.pendingWebhooks) until
// deliverWebhooks posts them.

import {
  concurrentIdempotentRequests,
  defaultFault,
  domainNotVerified,
  invalidAddressField,
  invalidApiKey,
  invalidIdempotencyKey,
  invalidIdempotentRequest,
  json,
  methodNotAllowed,
  missingApiKey,
  missingField,
  noUserAgent,
  notFound,
  QUOTA_MESSAGES,
  resendError,
  validationError,
} from './errors.ts';
import { parseMailbox } from './mailbox.ts';
import { checkWebhookSecret, newWebhookSecret, svixMessageId, svixSignature } from './svix-sign.ts';
import { eventPayload, plannedEvents, type EmailEventType } from './webhook-events.ts';

export interface FakeResendOptions {
  /** The webhook endpoint's signing secret (whsec_…). Default: a fresh one, read back as fake.webhookSecret. */
  webhookSecret?: string;
  /** Domains verified on the account: a `from` on any other gets 403. Default: every domain counts as verified. */
  verifiedDomains?: string[];
  /** Added to every send before it completes (the idempotency key is "in progress" meanwhile). Default 0. */
  latencyMs?: number;
  /** The clock, in milliseconds. Default Date.now. */
  now?: () => number;
}

/** An email Resend took: what a test checks for content and counts for duplicates. */
export interface SentEmail {
  id: string;
  /** `from` as sent, and what it says. */
  from: string;
  fromAddress: string;
  fromName: string | null;
  to: string[];
  subject: string;
  html: string | null;
  text: string | null;
  /** Custom headers the request asked for (List-Unsubscribe…). */
  headers: Record<string, string>;
  tags: Array<{ name: string; value: string }>;
  idempotencyKey: string | null;
  apiKey: string;
  userAgent: string;
  at: number;
}

/** A webhook the fake owes: posted, signed, by deliverWebhooks. Stays until an endpoint answers 2xx. */
export interface PendingWebhook {
  /** svix-id: the same on every attempt of one message. */
  svixId: string;
  type: EmailEventType;
  emailId: string;
  /** When a served fake posts it. */
  dueAt: number;
  attempts: number;
  /** The JSON body, exactly as it will be posted and signed. */
  body: string;
}

export interface WebhookDelivery {
  svixId: string;
  type: EmailEventType;
  emailId: string;
  /** The endpoint's HTTP status; null when the post itself failed. */
  status: number | null;
  error: string | null;
}

/** One request to the fake, as it answered it. */
export interface CallRecord {
  method: string;
  path: string;
  /** The HTTP status, or 'timeout' when the request was left unanswered. */
  status: number | 'timeout';
  idempotencyKey: string | null;
  /** Answered from an earlier request's idempotency key: no email was sent. */
  replayed: boolean;
  fault: boolean;
  at: number;
}

export interface FailFault {
  status: number;
  /** Seconds, sent as Retry-After (and, on a 429, ratelimit-reset). */
  retryAfter?: number;
  /** The error name; the documented one for the status by default (429: rate_limit_exceeded). */
  name?: string;
  message?: string;
}

export interface TimeoutFault {
  /** true: Resend took the email (and will answer a retry with its id) before the connection was lost. */
  created: boolean;
}

type Plan = { left: number } & ({ kind: 'fail'; fault: FailFault } | { kind: 'timeout'; fault: TimeoutFault });

interface KeyRecord {
  /** The request body, canonical: keys sorted, so only a change of content counts as "different". */
  body: string;
  at: number;
  /** null while the first request is still being handled. */
  response: { id: string } | null;
}

/** Resend keeps idempotency keys for 24 hours ("Idempotency Keys"). */
export const IDEMPOTENCY_KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;
const MAX_RECIPIENTS = 50;
const MAX_TAGS = 75;
const TAG_PART = /^[A-Za-z0-9_-]{1,256}$/;

/** What fetch rejects with when its timeout fires; the client cannot tell the fake's stall from a real one. */
export const timeoutError = () => new DOMException('The operation was aborted due to timeout (the fake Resend left the request unanswered)', 'TimeoutError');

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  return JSON.stringify(value);
}

export class FakeResend {
  readonly options: Required<Omit<FakeResendOptions, 'webhookSecret' | 'verifiedDomains'>>;
  readonly webhookSecret: string;
  /** Every email accepted, in order. A replay answered from an idempotency key adds nothing. */
  readonly sent: SentEmail[] = [];
  /** Every request, in order. */
  readonly calls: CallRecord[] = [];
  /** Webhooks owed, oldest first. */
  readonly pendingWebhooks: PendingWebhook[] = [];

  private readonly verifiedDomains: Set<string> | null;
  private readonly apiKeys = new Set<string>();
  private readonly keys = new Map<string, KeyRecord>();
  private readonly plans: Plan[] = [];

  constructor(options: FakeResendOptions = {}) {
    this.webhookSecret = options.webhookSecret ?? newWebhookSecret();
    checkWebhookSecret(this.webhookSecret);
    this.verifiedDomains = options.verifiedDomains ? new Set(options.verifiedDomains.map((d) => d.toLowerCase())) : null;
    this.options = { latencyMs: options.latencyMs ?? 0, now: options.now ?? Date.now };
  }

  // ── Setting up the account ──

  /** An API key the fake accepts (Resend's look like re_…). No other key works. */
  addApiKey(key: string): void {
    this.apiKeys.add(key);
  }

  // ── Planned failures ──

  /** The next n requests get this error instead of an answer (nothing is sent). */
  failNext(n: number, fault: FailFault): void {
    this.plans.push({ kind: 'fail', fault, left: n });
  }

  /**
   * The next n requests get no answer: the fake holds them past the client's
   * timeout (in fetch mode it rejects at once with fetch's TimeoutError, what
   * the client would see when its timer fires). With created: true the email
   * is taken first, so a retry with the same idempotency key gets its id back.
   */
  timeoutNext(n: number, fault: TimeoutFault): void {
    this.plans.push({ kind: 'timeout', fault, left: n });
  }

  clearFaults(): void {
    this.plans.length = 0;
  }

  private takePlan(): Plan | undefined {
    const plan = this.plans.find((p) => p.left > 0);
    if (plan) plan.left--;
    return plan;
  }

  // ── Serving ──

  /** A fetch function: hand it to a client, or stub the global fetch with it. */
  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const url = new URL(request.url);
    const call: CallRecord = {
      method: request.method,
      path: url.pathname,
      status: 0,
      idempotencyKey: request.headers.get('idempotency-key'),
      replayed: false,
      fault: false,
      at: this.options.now(),
    };
    this.calls.push(call);

    const plan = this.takePlan();
    if (plan?.kind === 'fail') {
      call.fault = true;
      call.status = plan.fault.status;
      return faultResponse(plan.fault);
    }
    if (plan?.kind === 'timeout' && !plan.fault.created) {
      call.fault = true;
      call.status = 'timeout';
      throw timeoutError();
    }
    const response = await this.route(request, url, call);
    if (plan?.kind === 'timeout') {
      // Handled (and, if it was a valid send, the email taken), but the answer never arrives.
      call.fault = true;
      call.status = 'timeout';
      throw timeoutError();
    }
    call.status = response.status;
    return response;
  };

  private async route(request: Request, url: URL, call: CallRecord): Promise<Response> {
    if (!request.headers.get('user-agent')) return noUserAgent();
    if (url.pathname.replace(/\/$/, '') !== '/emails') return notFound();
    if (request.method !== 'POST') return methodNotAllowed();

    const auth = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '');
    if (!auth) return missingApiKey();
    const apiKey = auth[1]!;
    if (!this.apiKeys.has(apiKey)) return invalidApiKey();

    const key = request.headers.get('idempotency-key');
    if (key !== null && (key.length === 0 || key.length > 256)) return invalidIdempotencyKey();

    let body: unknown;
    try {
      body = JSON.parse(await request.text());
    } catch {
      return validationError('Invalid JSON body: the request body must be a JSON object.', 400);
    }
    if (!isObject(body)) return validationError('Invalid JSON body: the request body must be a JSON object.', 400);

    const at = this.options.now();
    let record: KeyRecord | undefined;
    if (key !== null) {
      const known = this.keys.get(key);
      if (known && at - known.at > IDEMPOTENCY_KEY_LIFETIME_MS) this.keys.delete(key);
      const earlier = this.keys.get(key);
      const canonicalBody = canonical(body);
      if (earlier) {
        if (earlier.body !== canonicalBody) return invalidIdempotentRequest();
        if (earlier.response === null) return concurrentIdempotentRequests();
        call.replayed = true;
        return json(200, earlier.response);
      }
      record = { body: canonicalBody, at, response: null };
      this.keys.set(key, record);
    }

    if (this.options.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.options.latencyMs));
    const outcome = this.accept(body, { apiKey, key, userAgent: request.headers.get('user-agent')!, at });
    if (record) {
      // Only a taken email is remembered: a refused request may be corrected and sent again under its key.
      if (outcome instanceof Response) this.keys.delete(key!);
      else record.response = outcome;
    }
    return outcome instanceof Response ? outcome : json(200, outcome);
  }

  /** Validates the body as "Send Email" documents it; takes the email and schedules its webhooks. */
  private accept(body: Record<string, unknown>, ctx: { apiKey: string; key: string | null; userAgent: string; at: number }): { id: string } | Response {
    if (typeof body.from !== 'string' || body.from.trim() === '') return missingField('from');
    const from = parseMailbox(body.from);
    if (!from) return invalidAddressField('from');

    if (body.to === undefined || body.to === null || body.to === '' || (Array.isArray(body.to) && body.to.length === 0)) return missingField('to');
    const toList: unknown[] = Array.isArray(body.to) ? body.to : [body.to];
    if (toList.length > MAX_RECIPIENTS) return validationError(`Invalid \`to\` field. You can send to at most ${MAX_RECIPIENTS} recipients.`);
    const to: string[] = [];
    for (const value of toList) {
      const mailbox = typeof value === 'string' ? parseMailbox(value) : null;
      if (!mailbox) return invalidAddressField('to');
      to.push(mailbox.address);
    }

    if (typeof body.subject !== 'string' || body.subject === '') return missingField('subject');
    for (const field of ['html', 'text'] as const) {
      if (body[field] !== undefined && typeof body[field] !== 'string') return validationError(`Invalid \`${field}\` field. It must be a string.`);
    }
    if (typeof body.html !== 'string' && typeof body.text !== 'string') return resendError(422, 'missing_required_field', 'Missing `html` or `text` field.');

    const headers: Record<string, string> = {};
    if (body.headers !== undefined) {
      if (!isObject(body.headers)) return validationError('Invalid `headers` field. It must be an object of header names and string values.');
      for (const [name, value] of Object.entries(body.headers)) {
        if (typeof value !== 'string' || /[\r\n]/.test(value)) return validationError(`Invalid \`headers\` field. The value of ${name} must be a single-line string.`);
        headers[name] = value;
      }
    }

    const tags: Array<{ name: string; value: string }> = [];
    if (body.tags !== undefined) {
      if (!Array.isArray(body.tags) || body.tags.length > MAX_TAGS) return validationError(`Invalid \`tags\` field. It must be a list of at most ${MAX_TAGS} { name, value } pairs.`);
      for (const tag of body.tags) {
        if (!isObject(tag) || typeof tag.name !== 'string' || typeof tag.value !== 'string') return missingField('tags.name');
        if (!TAG_PART.test(tag.name) || !TAG_PART.test(tag.value)) {
          return validationError('Invalid `tags` field. Tag names and values can only contain ASCII letters (a–z, A–Z), numbers (0–9), underscores (_), or dashes (-), and no more than 256 characters.');
        }
        tags.push({ name: tag.name, value: tag.value });
      }
    }

    const domain = from.address.slice(from.address.lastIndexOf('@') + 1).toLowerCase();
    if (this.verifiedDomains && !this.verifiedDomains.has(domain)) return domainNotVerified(domain);

    const email: SentEmail = {
      id: crypto.randomUUID(),
      from: body.from,
      fromAddress: from.address,
      fromName: from.name,
      to,
      subject: body.subject,
      html: typeof body.html === 'string' ? body.html : null,
      text: typeof body.text === 'string' ? body.text : null,
      headers,
      tags,
      idempotencyKey: ctx.key,
      apiKey: ctx.apiKey,
      userAgent: ctx.userAgent,
      at: ctx.at,
    };
    this.sent.push(email);
    this.scheduleWebhooks(email);
    return { id: email.id };
  }

  private scheduleWebhooks(email: SentEmail): void {
    // The fake sends one email to all its recipients; the first one's test address decides what happens to it.
    const about = { id: email.id, from: email.from, to: email.to, subject: email.subject, tags: Object.fromEntries(email.tags.map((t) => [t.name, t.value])), createdAt: email.at };
    for (const event of plannedEvents(email.to[0]!)) {
      const dueAt = email.at + event.delayMs;
      this.pendingWebhooks.push({ svixId: svixMessageId(), type: event.type, emailId: email.id, dueAt, attempts: 0, body: JSON.stringify(eventPayload(event, about, dueAt)) });
    }
  }

  // ── Webhooks ──

  /**
   * Posts the webhooks owed (those due by `until`, every one by default) to
   * `url`, in order, each signed at the moment it is posted. One the endpoint
   * does not take with a 2xx stays pending, as Svix would try it again.
   */
  async deliverWebhooks(fetchFn: (input: string, init: RequestInit) => Promise<Response>, url: string, options: { until?: number } = {}): Promise<WebhookDelivery[]> {
    const until = options.until ?? Number.POSITIVE_INFINITY;
    const due = this.pendingWebhooks.filter((w) => w.dueAt <= until).sort((a, b) => a.dueAt - b.dueAt);
    const out: WebhookDelivery[] = [];
    for (const hook of due) {
      const timestamp = Math.floor(this.options.now() / 1000);
      const delivery: WebhookDelivery = { svixId: hook.svixId, type: hook.type, emailId: hook.emailId, status: null, error: null };
      try {
        const response = await fetchFn(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Svix-Webhooks/1.0 (fake Resend)',
            'svix-id': hook.svixId,
            'svix-timestamp': String(timestamp),
            'svix-signature': await svixSignature(this.webhookSecret, hook.svixId, timestamp, hook.body),
          },
          body: hook.body,
        });
        await response.arrayBuffer();
        delivery.status = response.status;
      } catch (error) {
        delivery.error = error instanceof Error ? error.message : String(error);
      }
      hook.attempts++;
      if (delivery.status !== null && delivery.status >= 200 && delivery.status < 300) {
        this.pendingWebhooks.splice(this.pendingWebhooks.indexOf(hook), 1);
      } else {
        // Svix backs off between attempts (5 s, 5 min, …); a served fake tries again after a few seconds.
        hook.dueAt = this.options.now() + Math.min(hook.attempts * 2000, 30_000);
      }
      out.push(delivery);
    }
    return out;
  }
}

function faultResponse(fault: FailFault): Response {
  const fallback = defaultFault(fault.status);
  const name = fault.name ?? fallback.name;
  const message = fault.message ?? QUOTA_MESSAGES[name] ?? fallback.message;
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
  if (fault.status === 429) {
    // The rate-limit headers Resend sends with every answer ("Usage Limits").
    Object.assign(headers, { 'ratelimit-limit': '10', 'ratelimit-remaining': '0', 'ratelimit-reset': String(fault.retryAfter ?? 1) });
  }
  return resendError(fault.status, name, message, headers);
}
