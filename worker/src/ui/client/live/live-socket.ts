// The one live socket client of Parley's pages (the customer's room and the
// agent workspace): connects to the session's socket saying the last event
// it has (?after=), so the server sends what it missed; reconnects after a
// drop with doubling, jittered waits; keeps quiet proxies from closing it.
// When the server closes it because the right that opened it ended (a
// closing frame, a 4xxx close code), it does not reconnect: the page shows
// why or reloads into what the caller may now see.
// Frames are the contract's (worker/src/contract/frames.ts). The Salesforce
// panel has its own module (an LWC cannot import this), tested against the
// same frames.
import { CLOSE_CODES, type ClosingReason } from '../../../contract/closing';
import type { ClientReviewFrame, LiveFrame } from '../../../contract/frames';

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'stopped';

export interface LiveSocketOptions<F extends LiveFrame> {
  /** The socket's path on this origin: /room/api/ws, /api/v1/sessions/{id}/ws. */
  path: string;
  /** The last event the page already shows (its data-version). */
  version: number;
  onFrame(frame: F): void;
  onState?(state: LiveState): void;
  /**
   * The server closed the socket for good (the access, token or link that
   * opened it ended, or a newer window replaced it). By default the page
   * reloads, so the server shows what the caller may see now (a limited
   * view, the session-ended page, the sign-in); a replaced socket only stops,
   * or windows would keep replacing each other.
   */
  onClosing?(reason: ClosingReason, message: string): void;
}

const REASON_OF_CODE = new Map(Object.entries(CLOSE_CODES).map(([reason, code]) => [code, reason as ClosingReason]));

function reloadUnlessReplaced(reason: ClosingReason): void {
  if (reason !== 'replaced') location.reload();
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 15_000;
const PING_MS = 25_000;

export class LiveSocket<F extends LiveFrame> {
  private socket: WebSocket | null = null;
  private retries = 0;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly ping: ReturnType<typeof setInterval>;
  /** The last event seen, on the page or over the socket. */
  version: number;

  constructor(private readonly options: LiveSocketOptions<F>) {
    this.version = options.version;
    this.ping = setInterval(() => {
      if (this.socket?.readyState === WebSocket.OPEN) this.socket.send('ping');
    }, PING_MS);
    this.connect();
  }

  /** Says where this page's pointer is in a shared review; false when the socket is not open (a pointer is worth nothing later, so it is not queued). */
  send(frame: ClientReviewFrame): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.ping);
    this.socket?.close(1000, 'page closed');
    this.socket = null;
    this.options.onState?.('stopped');
  }

  private connect(): void {
    if (this.stopped) return;
    this.options.onState?.(this.retries === 0 && this.socket === null ? 'connecting' : 'reconnecting');
    const url = new URL(this.options.path, location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('after', String(this.version));
    const ws = new WebSocket(url);
    this.socket = ws;
    ws.onopen = () => {
      this.retries = 0;
      this.options.onState?.('live');
    };
    ws.onmessage = (e) => {
      const frame = parse<F>(e.data);
      if (!frame) return;
      if (frame.type === 'closing') return this.closedForGood(ws, frame.reason, frame.message);
      if (frame.type === 'event') this.version = Math.max(this.version, frame.event.version);
      if (frame.type === 'resync') this.version = frame.version;
      this.options.onFrame(frame);
    };
    ws.onclose = (e) => {
      if (this.socket !== ws || this.stopped) return;
      // The closing frame may be lost with the connection; the code says the same.
      const reason = REASON_OF_CODE.get(e.code);
      if (reason) return this.closedForGood(ws, reason, '');
      this.options.onState?.('reconnecting');
      const wait = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** this.retries++) * (1 + 0.2 * Math.random());
      this.retryTimer = setTimeout(() => this.connect(), wait);
    };
  }

  /** Why the socket was closed for good: it stays closed, and the page is told once. */
  private closedForGood(ws: WebSocket, reason: ClosingReason, message: string): void {
    if (this.socket !== ws || this.stopped) return;
    this.stop();
    (this.options.onClosing ?? reloadUnlessReplaced)(reason, message);
  }
}

/** A frame as an object; "pong" and anything else that is not JSON is skipped. */
function parse<F>(data: unknown): F | null {
  if (typeof data !== 'string' || !data.startsWith('{')) return null;
  try {
    return JSON.parse(data) as F;
  } catch {
    return null;
  }
}
