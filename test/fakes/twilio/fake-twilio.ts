// A local stand-in for Twilio Programmable Messaging: the Message resource
// (create, list, fetch one) under /2010-04-01/Accounts/{AccountSid}/, the
// status callbacks Twilio posts as a message moves on, and the inbound
// message webhook. Request and answer shapes, status codes, error bodies and
// the X-Twilio-Signature on everything it posts follow Twilio's
// documentation, so a client that works against the fake sends what Twilio
// accepts:
//   - Message resource: twilio.com/docs/messaging/api/message-resource
//   - status callbacks: twilio.com/docs/messaging/guides/track-outbound-message-status
//     and …/outbound-message-status-in-status-callbacks (no callback for a
//     message's initial status; `queued` is called back only for a Messaging
//     Service, whose messages start `accepted`)
//   - inbound webhook: twilio.com/docs/messaging/guides/webhook-request
//   - magic numbers: twilio.com/docs/iam/test-credentials (message-create.ts)
//
// Web APIs only: it runs inside workerd (vi.stubGlobal('fetch', fake.fetch))
// and behind node:http (serve.ts).
//
// Callbacks are not posted by themselves: each created message queues its
// callbacks in fake.pendingCallbacks, and `await fake.deliverCallbacks(fetch)`
// posts them (a test passes SELF.fetch or the app's request function), so a
// test decides when Twilio "calls back". serve.ts switches on delivery after
// a delay instead (autoDeliverCallbacks).

import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { smsKeyword } from '../../../worker/src/domain/sms-keywords.ts';
import { twilioSignature } from '../../../worker/src/notify/twilio/twilio-signature.ts';
import { authenticate, faultBody, json, methodNotAllowed, notFound, twilioError } from './errors.ts';
import { checkCreate, segmentsOf } from './message-create.ts';

export const API_VERSION = '2010-04-01';

/** A Message resource, as the API returns it. */
export interface MessageResource {
  account_sid: string;
  api_version: string;
  body: string;
  date_created: string;
  date_sent: string | null;
  date_updated: string;
  direction: 'outbound-api' | 'inbound';
  error_code: number | null;
  error_message: string | null;
  from: string | null;
  messaging_service_sid: string | null;
  num_media: string;
  num_segments: string;
  price: string | null;
  price_unit: string | null;
  sid: string;
  status: string;
  subresource_uris: { media: string; feedback: string };
  to: string;
  uri: string;
}

/** A status callback waiting to be posted, signed as Twilio signs it. */
export interface PendingCallback {
  url: string;
  params: URLSearchParams;
  /** X-Twilio-Signature of this post. */
  signature: string;
  messageSid: string;
  /** The MessageStatus it reports. */
  status: string;
}

/** A callback that was posted, with the app's answer (status 0: it did not answer). */
export interface DeliveredCallback {
  callback: PendingCallback;
  status: number;
}

export interface ApiCall {
  method: string;
  path: string;
  status: number;
  at: number;
  /** Answered by a planned fault (failNext), or hung (timeoutNext). */
  fault: 'status' | 'hang' | null;
}

/** How a request for a callback is made: SELF.fetch, or (r) => app.request(r, undefined, env). */
export type CallbackFetch = (request: Request) => Response | Promise<Response>;

export interface Fault {
  status: number;
  /** Seconds, sent as Retry-After. */
  retryAfter?: number;
}

export interface FakeTwilioOptions {
  /** The clock, in milliseconds. Default Date.now. */
  now?: () => number;
  /**
   * How long a request planned by timeoutNext hangs before it is answered:
   * longer than the client's timeout, so the client gives up first. Default
   * 15 s (Parley's PROVIDER_TIMEOUT_MS is 10 s).
   */
  hangMs?: number;
  /** Added to every answer, to make latency measurable. Default 0. */
  latencyMs?: number;
}

interface Account {
  token: string;
  services: Map<string, string[]>;
  optedOut: Set<string>;
}

interface Stored {
  resource: MessageResource;
  token: string;
}

interface Hang {
  created: boolean;
}

/** How a message ends: delivered, or undelivered / failed with a Twilio error code. */
interface Ending {
  status: 'delivered' | 'undelivered' | 'failed';
  errorCode: number | null;
}

/** The error_message Twilio gives with the codes undeliverable() accepts. */
const DELIVERY_ERRORS: Readonly<Record<number, string>> = {
  30001: 'Queue overflow',
  30003: 'Unreachable destination handset',
  30004: 'Message blocked',
  30005: 'Unknown destination handset',
  30006: 'Landline or unreachable carrier',
  30007: 'Carrier violation',
  30008: 'Unknown error',
  21610: 'Attempt to send to unsubscribed recipient',
};

const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages(?:\.json|\/([^/]+)\.json)$/;

function hex(bytes: number): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** RFC 2822 in GMT, as every date of the API is written: "Thu, 24 Aug 2023 05:01:45 +0000". */
export function rfc2822(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}

export class FakeTwilio {
  readonly options: Required<FakeTwilioOptions>;
  /** Every message created through the API, in order (live: statuses move as callbacks are delivered). Count duplicates here. */
  readonly sent: MessageResource[] = [];
  /** Every API call, in order. */
  readonly calls: ApiCall[] = [];
  /** Status callbacks not yet posted, oldest first. */
  readonly pendingCallbacks: PendingCallback[] = [];
  /** Status callbacks posted, in order. */
  readonly deliveredCallbacks: DeliveredCallback[] = [];

  private readonly accounts = new Map<string, Account>();
  private readonly messages = new Map<string, Stored>();
  private readonly faults: Fault[] = [];
  private readonly hangs: Hang[] = [];
  private readonly endings = new Map<string, Ending>();
  private auto: { fetch: CallbackFetch; delayMs: number; timers: Set<ReturnType<typeof setTimeout>> } | null = null;

  constructor(options: FakeTwilioOptions = {}) {
    this.options = { now: options.now ?? Date.now, hangMs: options.hangMs ?? 15_000, latencyMs: options.latencyMs ?? 0 };
  }

  // ── Setting up ──

  /** An account whose credentials (Account SID and auth token) the API accepts. */
  addAccount(sid: string, token: string): void {
    if (!/^AC[0-9a-fA-F]{32}$/.test(sid)) throw new Error(`an Account SID is AC followed by 32 hex digits, not ${sid}`);
    this.accounts.set(sid, { token, services: new Map(), optedOut: new Set() });
  }

  /** A Messaging Service of an account and the numbers of its sender pool (the first one is the one it picks). */
  addMessagingService(accountSid: string, serviceSid: string, numbers: string[]): void {
    if (numbers.length === 0) throw new Error('a Messaging Service needs at least one number in its sender pool');
    this.account(accountSid).services.set(serviceSid, [...numbers]);
  }

  /** Messages to this number end `undelivered` (or `failed`) with this error, as a carrier reports it after Twilio sent it. */
  undeliverable(number: string, errorCode = 30003, status: 'undelivered' | 'failed' = 'undelivered'): void {
    this.endings.set(number, { status, errorCode });
  }

  /** The number replied STOP: sends to it are refused with 21610 until it replies START (see inbound). */
  optOut(accountSid: string, number: string): void {
    this.account(accountSid).optedOut.add(number);
  }

  // ── Planned failures ──

  /** The next n API calls are answered with this fault (429 or 5xx, Twilio's error body, Retry-After when given). */
  failNext(n: number, fault: Fault): void {
    for (let i = 0; i < n; i++) this.faults.push(fault);
  }

  /**
   * The next n API calls hang longer than the client waits (options.hangMs).
   * With created: true the call did reach Twilio first: a create makes its
   * message (and its callbacks) even though the client never hears of it, as
   * when an answer is lost on the way back.
   */
  timeoutNext(n: number, plan: { created: boolean }): void {
    for (let i = 0; i < n; i++) this.hangs.push({ created: plan.created });
  }

  clearFaults(): void {
    this.faults.length = 0;
    this.hangs.length = 0;
  }

  // ── What Twilio holds ──

  /** A message by its SID, inbound ones included. */
  message(sid: string): MessageResource | undefined {
    return this.messages.get(sid)?.resource;
  }

  // ── Callbacks ──

  /** Posts every pending status callback, oldest first, and says what the app answered to each. */
  async deliverCallbacks(fetchFn: CallbackFetch): Promise<DeliveredCallback[]> {
    const delivered: DeliveredCallback[] = [];
    while (this.pendingCallbacks.length > 0) delivered.push(await this.post(this.pendingCallbacks.shift()!, fetchFn));
    return delivered;
  }

  /**
   * From now on callbacks post themselves, each `delayMs` after the one
   * before it for the same message (the served fake's mode; errors are
   * recorded as status 0, never thrown). Pending ones start now.
   */
  autoDeliverCallbacks(fetchFn: CallbackFetch, delayMs: number): void {
    this.stopAutoDelivery();
    this.auto = { fetch: fetchFn, delayMs, timers: new Set() };
    const pending = this.pendingCallbacks.splice(0);
    this.schedule(pending);
  }

  stopAutoDelivery(): void {
    if (!this.auto) return;
    for (const timer of this.auto.timers) clearTimeout(timer);
    this.auto = null;
  }

  /**
   * The request Twilio makes to a number's webhook when `from` texts `to`,
   * signed with the account's token. A STOP / START keyword also blocks or
   * unblocks `from` for the account, as Twilio's default opt-out handling does
   * before it forwards the message.
   */
  async inbound(message: { from: string; to: string; body: string; accountSid?: string; mediaUrls?: string[] }, url: string): Promise<Request> {
    const accountSid = message.accountSid ?? this.onlyAccountSid();
    const account = this.account(accountSid);
    const sid = `SM${hex(16)}`;
    const mediaUrls = message.mediaUrls ?? [];
    const service = [...account.services].find(([, numbers]) => numbers.includes(message.to))?.[0] ?? null;
    const keyword = smsKeyword(message.body);
    if (keyword === 'stop') account.optedOut.add(message.from);
    if (keyword === 'start') account.optedOut.delete(message.from);

    const place = (number: string) => parsePhoneNumberFromString(number)?.country ?? '';
    const params = new URLSearchParams({
      ToCountry: place(message.to),
      ToState: '',
      SmsMessageSid: sid,
      NumMedia: String(mediaUrls.length),
      ToCity: '',
      FromZip: '',
      SmsSid: sid,
      FromState: '',
      SmsStatus: 'received',
      FromCity: '',
      Body: message.body,
      FromCountry: place(message.from),
      To: message.to,
      ToZip: '',
      NumSegments: String(segmentsOf(message.body)),
      MessageSid: sid,
      AccountSid: accountSid,
      From: message.from,
      ApiVersion: API_VERSION,
    });
    if (service) params.set('MessagingServiceSid', service);
    mediaUrls.forEach((mediaUrl, i) => {
      params.set(`MediaContentType${i}`, 'image/jpeg');
      params.set(`MediaUrl${i}`, mediaUrl);
    });
    const at = this.options.now();
    this.messages.set(sid, {
      token: account.token,
      resource: this.resource({ sid, accountSid, to: message.to, from: message.from, body: message.body, service, status: 'received', direction: 'inbound', at, numMedia: mediaUrls.length }),
    });
    return new Request(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Twilio-Signature': await twilioSignature(account.token, url, params),
        'I-Twilio-Idempotency-Token': crypto.randomUUID(),
        'User-Agent': 'TwilioProxy/1.1',
      },
      body: params.toString(),
    });
  }

  // ── Serving ──

  /** A fetch function: hand it to a client, or stub the global fetch with it. Honours the caller's AbortSignal. */
  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const signal = init?.signal ?? (input instanceof Request ? input.signal : null);
    if (signal?.aborted) throw signal.reason;
    const url = new URL(request.url);
    const call: ApiCall = { method: request.method, path: url.pathname, status: 0, at: this.options.now(), fault: null };
    this.calls.push(call);

    const hang = this.hangs.shift();
    if (hang) {
      call.fault = 'hang';
      // The request reached Twilio (and acted) or was lost before it: either way the client hears nothing in time.
      const answer = hang.created ? await this.handle(request, url) : new Response('upstream request timeout', { status: 504 });
      call.status = answer.status;
      await this.hangFor(this.options.hangMs, signal);
      return answer;
    }
    const fault = this.faults.shift();
    const response = fault
      ? json(fault.status, faultBody(fault.status), fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {})
      : await this.handle(request, url);
    if (fault) call.fault = 'status';
    call.status = response.status;
    if (this.options.latencyMs > 0) await this.hangFor(this.options.latencyMs, signal);
    return response;
  };

  private async handle(request: Request, url: URL): Promise<Response> {
    const route = MESSAGES_PATH.exec(url.pathname);
    if (!route) return notFound(url.pathname);
    const accountSid = decodeURIComponent(route[1]!);
    const caller = this.authenticate(request);
    if (!caller) return authenticate();
    // Credentials of one account do not reach another's resources.
    if (caller !== accountSid) return notFound(url.pathname);
    const messageSid = route[2] === undefined ? null : decodeURIComponent(route[2]);

    if (messageSid === null) {
      // Read as bytes: workerd warns when .text() meets a form-encoded body.
      if (request.method === 'POST') return this.create(accountSid, new URLSearchParams(new TextDecoder().decode(await request.arrayBuffer())));
      if (request.method === 'GET') return this.list(accountSid, url);
      return methodNotAllowed(request.method);
    }
    if (request.method !== 'GET') return methodNotAllowed(request.method);
    const stored = this.messages.get(messageSid);
    return stored && stored.resource.account_sid === accountSid ? json(200, stored.resource) : notFound(url.pathname);
  }

  private authenticate(request: Request): string | null {
    const m = /^Basic\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '');
    if (!m) return null;
    let decoded: string;
    try {
      decoded = atob(m[1]!);
    } catch {
      return null;
    }
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    const sid = decoded.slice(0, colon);
    return this.accounts.get(sid)?.token === decoded.slice(colon + 1) ? sid : null;
  }

  private async create(accountSid: string, form: URLSearchParams): Promise<Response> {
    const account = this.account(accountSid);
    const checked = checkCreate(form, account);
    if (checked instanceof Response) return checked;
    const at = this.options.now();
    const sid = `SM${hex(16)}`;
    const viaService = checked.messagingServiceSid !== null && checked.from === null;
    const resource = this.resource({
      sid,
      accountSid,
      to: checked.to,
      // A Messaging Service chooses the sender after the create: the answer has from null and status accepted.
      from: viaService ? null : checked.from,
      body: checked.body,
      service: checked.messagingServiceSid,
      status: viaService ? 'accepted' : 'queued',
      direction: 'outbound-api',
      at,
      numMedia: 0,
    });
    this.messages.set(sid, { resource, token: account.token });
    this.sent.push(resource);
    if (checked.statusCallback) {
      const from = checked.from ?? account.services.get(checked.messagingServiceSid!)![0]!;
      await this.queueCallbacks(resource, checked.statusCallback, account.token, from, viaService);
    }
    return json(201, resource);
  }

  /** Newest first, filtered by To, From and the DateSent forms the API documents, one page at a time. */
  private list(accountSid: string, url: URL): Response {
    const q = url.searchParams;
    const pageSize = q.has('PageSize') ? Number(q.get('PageSize')) : 50;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
      return twilioError(400, 20001, 'PageSize must be between 1 and 1000');
    }
    const page = q.has('Page') ? Number(q.get('Page')) : 0;
    const to = q.get('To');
    const from = q.get('From');
    // DateSent filters compare the day (GMT) a message was sent; a message not yet sent (date_sent null) matches none of them.
    const sentDay = (r: MessageResource) => (r.date_sent ? new Date(Date.parse(r.date_sent)).toISOString().slice(0, 10) : null);
    const on = q.get('DateSent');
    const before = q.get('DateSent<');
    const after = q.get('DateSent>');
    const all = [...this.messages.values()]
      .map((s) => s.resource)
      .filter((r) => r.account_sid === accountSid)
      .filter((r) => (to ? r.to === to : true) && (from ? r.from === from : true))
      .filter((r) => {
        if (!on && !before && !after) return true;
        const day = sentDay(r);
        return day !== null && (!on || day === on) && (!before || day <= before) && (!after || day >= after);
      })
      .reverse() // insertion order is creation order: newest first
      .sort((a, b) => Date.parse(b.date_created) - Date.parse(a.date_created));
    const start = page * pageSize;
    const messages = all.slice(start, start + pageSize);
    const base = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
    const query = (p: number) => {
      const params = new URLSearchParams(q);
      params.set('PageSize', String(pageSize));
      params.set('Page', String(p));
      if (p > 0) params.set('PageToken', `PA${hex(16)}`);
      else params.delete('PageToken');
      return `${base}?${params}`;
    };
    return json(200, {
      end: start + Math.max(messages.length - 1, 0),
      first_page_uri: query(0),
      next_page_uri: start + pageSize < all.length ? query(page + 1) : null,
      page,
      page_size: pageSize,
      previous_page_uri: page > 0 ? query(page - 1) : null,
      messages,
      start,
      uri: query(page),
    });
  }

  private resource(m: {
    sid: string;
    accountSid: string;
    to: string;
    from: string | null;
    body: string;
    service: string | null;
    status: string;
    direction: MessageResource['direction'];
    at: number;
    numMedia: number;
  }): MessageResource {
    const uri = `/2010-04-01/Accounts/${m.accountSid}/Messages/${m.sid}.json`;
    const date = rfc2822(m.at);
    return {
      account_sid: m.accountSid,
      api_version: API_VERSION,
      body: m.body,
      date_created: date,
      date_sent: m.direction === 'inbound' ? date : null,
      date_updated: date,
      direction: m.direction,
      error_code: null,
      error_message: null,
      from: m.from,
      messaging_service_sid: m.service,
      num_media: String(m.numMedia),
      // Through a Messaging Service it is 0 until the sender is chosen, as the reference notes.
      num_segments: m.status === 'accepted' ? '0' : String(segmentsOf(m.body)),
      price: null,
      price_unit: 'USD',
      sid: m.sid,
      status: m.status,
      subresource_uris: { media: uri.replace(/\.json$/, '/Media.json'), feedback: uri.replace(/\.json$/, '/Feedback.json') },
      to: m.to,
      uri,
    };
  }

  /** The callbacks a new message will get, signed now: [queued (Messaging Service only)], sent, then how it ends. */
  private async queueCallbacks(resource: MessageResource, url: string, token: string, from: string, viaService: boolean): Promise<void> {
    const ending = this.endings.get(resource.to) ?? { status: 'delivered', errorCode: null };
    const steps: Array<{ status: string; errorCode: number | null }> = [];
    if (viaService) steps.push({ status: 'queued', errorCode: null });
    if (ending.status !== 'failed') steps.push({ status: 'sent', errorCode: null });
    steps.push({ status: ending.status, errorCode: ending.errorCode });

    const callbacks: PendingCallback[] = [];
    for (const step of steps) {
      const params = new URLSearchParams({
        SmsSid: resource.sid,
        SmsStatus: step.status,
        MessageStatus: step.status,
        To: resource.to,
        MessageSid: resource.sid,
        AccountSid: resource.account_sid,
        From: from,
        ApiVersion: API_VERSION,
      });
      if (resource.messaging_service_sid) params.set('MessagingServiceSid', resource.messaging_service_sid);
      if (step.errorCode !== null) params.set('ErrorCode', String(step.errorCode));
      // Delivery receipts carry the carrier's done date (YYMMDDhhmm).
      if (step.status === 'delivered' || step.status === 'undelivered') params.set('RawDlrDoneDate', new Date(this.options.now()).toISOString().replace(/^\d\d(\d\d)-(\d\d)-(\d\d)T(\d\d):(\d\d).*$/, '$1$2$3$4$5'));
      callbacks.push({ url, params, signature: await twilioSignature(token, url, params), messageSid: resource.sid, status: step.status });
    }
    if (this.auto) this.schedule(callbacks);
    else this.pendingCallbacks.push(...callbacks);
  }

  private schedule(callbacks: PendingCallback[]): void {
    const auto = this.auto!;
    const position = new Map<string, number>();
    for (const callback of callbacks) {
      const n = (position.get(callback.messageSid) ?? 0) + 1;
      position.set(callback.messageSid, n);
      const timer = setTimeout(() => {
        auto.timers.delete(timer);
        void this.post(callback, auto.fetch);
      }, auto.delayMs * n);
      auto.timers.add(timer);
    }
  }

  /** Moves the message to the callback's status, then posts the callback. */
  private async post(callback: PendingCallback, fetchFn: CallbackFetch): Promise<DeliveredCallback> {
    const stored = this.messages.get(callback.messageSid);
    if (stored) {
      const r = stored.resource;
      const at = rfc2822(this.options.now());
      r.status = callback.status;
      r.date_updated = at;
      if (callback.status === 'queued') {
        r.from = callback.params.get('From');
        r.num_segments = String(segmentsOf(r.body));
      }
      if (callback.status === 'sent') r.date_sent = at;
      const code = callback.params.get('ErrorCode');
      if (code) {
        r.error_code = Number(code);
        r.error_message = DELIVERY_ERRORS[Number(code)] ?? 'Unknown error';
      }
    }
    let status = 0;
    try {
      const response = await fetchFn(
        new Request(callback.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': callback.signature, 'User-Agent': 'TwilioProxy/1.1' },
          body: callback.params.toString(),
        }),
      );
      status = response.status;
      await response.body?.cancel();
    } catch {
      status = 0;
    }
    const delivered = { callback, status };
    this.deliveredCallbacks.push(delivered);
    return delivered;
  }

  /** Waits `ms`, or rejects as fetch does when the caller's signal aborts first. */
  private hangFor(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal!.reason);
      };
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private account(sid: string): Account {
    const account = this.accounts.get(sid);
    if (!account) throw new Error(`the fake Twilio has no account ${sid}: call addAccount first`);
    return account;
  }

  private onlyAccountSid(): string {
    if (this.accounts.size !== 1) throw new Error(`the fake Twilio has ${this.accounts.size} accounts: say which one with accountSid`);
    return [...this.accounts.keys()][0]!;
  }
}
