// The pages' live socket client: it reconnects after a drop, but not after
// the server closed it for good (a closing frame, or a 4xxx close code
// alone): then the page reloads into what the caller may see now, except
// for a socket replaced by a newer window, which only stops.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Loaded by a path TypeScript does not follow: the pages' code is typed by its own
// tsconfig (the browser's DOM), which the Worker's tsconfig, which checks tests, has not.
const CLIENT: string = '../../../worker/src/ui/client/live/live-socket';
const { LiveSocket } = await import(CLIENT);

class FakeSocket {
  static OPEN = 1;
  static all: FakeSocket[] = [];
  readyState = 1;
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: ((e: { code: number; reason: string }) => void) | null = null;
  constructor(public url: URL) {
    FakeSocket.all.push(this);
  }
  send() {}
  close() {}
  frame(f: unknown) {
    this.onmessage?.({ data: JSON.stringify(f) });
  }
}

const reload = vi.fn();
beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.all = [];
  reload.mockReset();
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.stubGlobal('location', { href: 'https://parley.test/room', protocol: 'https:', reload });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const open = (onClosing?: (reason: string, message: string) => void) => new LiveSocket({ path: '/room/api/ws', version: 3, onFrame: () => {}, ...(onClosing ? { onClosing } : {}) });

describe('LiveSocket', () => {
  it('reconnects after a drop, asking for what it missed', () => {
    open();
    FakeSocket.all[0]!.onclose?.({ code: 1006, reason: '' });
    vi.advanceTimersByTime(20_000);
    expect(FakeSocket.all).toHaveLength(2);
    expect(FakeSocket.all[1]!.url.searchParams.get('after')).toBe('3');
  });

  it('after a closing frame, reloads the page and never reconnects', () => {
    open();
    FakeSocket.all[0]!.frame({ type: 'closing', reason: 'access_limited', message: 'the session has ended' });
    FakeSocket.all[0]!.onclose?.({ code: 4003, reason: 'access_limited' });
    vi.advanceTimersByTime(60_000);
    expect(reload).toHaveBeenCalledTimes(1);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('a 4xxx close code alone says the same (the frame was lost)', () => {
    open();
    FakeSocket.all[0]!.onclose?.({ code: 4002, reason: 'access_ended' });
    vi.advanceTimersByTime(60_000);
    expect(reload).toHaveBeenCalledTimes(1);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('a replaced socket only stops: no reload, no reconnect, and the page is told', () => {
    const told = vi.fn();
    open(told);
    FakeSocket.all[0]!.frame({ type: 'closing', reason: 'replaced', message: 'open in too many windows' });
    vi.advanceTimersByTime(60_000);
    expect(told).toHaveBeenCalledWith('replaced', 'open in too many windows');
    expect(reload).not.toHaveBeenCalled();
    expect(FakeSocket.all).toHaveLength(1);
    open();
    FakeSocket.all[1]!.frame({ type: 'closing', reason: 'replaced', message: '' });
    expect(reload).not.toHaveBeenCalled();
  });
});
