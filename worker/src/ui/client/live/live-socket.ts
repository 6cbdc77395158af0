// The one live socket client of Parley's pages (the customer's room and the
// agent workspace): connects to the session's socket saying the last event
// it has (?after=), so the server sends what it missed; reconnects after a
// drop with doubling, jittered waits; keeps quiet proxies from closing it.
// Frames are the contract's (worker/src/contract/frames.ts). The Salesforce
// panel has its own module (an LWC cannot import this), tested against the
// same frames.
import type { LiveFrame } from '../../../contract/frames';

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'stopped';

export interface LiveSocketOptions<F extends LiveFrame> {
  /** The socket's path on this origin: /room/api/ws, /api/v1/sessions/{id}/ws. */
  path: string;
  /** The last event the page already shows (its data-version). */
  version: number;
  onFrame(frame: F): void;
  onState?(state: LiveState): void;
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
      if (frame.type === 'event') this.version = Math.max(this.version, frame.event.version);
      if (frame.type === 'resync') this.version = frame.version;
      this.options.onFrame(frame);
    };
    ws.onclose = () => {
      if (this.socket !== ws || this.stopped) return;
      this.options.onState?.('reconnecting');
      const wait = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** this.retries++) * (1 + 0.2 * Math.random());
      this.retryTimer = setTimeout(() => this.connect(), wait);
    };
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
