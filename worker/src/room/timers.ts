// Many timers, one alarm. Each timer is a row (kind, and for some kinds the
// participant or item it is about) in the session's timers table; the
// Durable Object's single alarm is kept at the earliest. When it rings,
// every due timer goes to the handler registered for its kind. Handlers are
// idempotent: a timer is taken (deleted) in the same transaction that
// applies it, so an alarm that fires twice does nothing twice.
import { logWarning } from '../log';
import type { RoomStore } from './store';

/** Kinds about one participant or item carry its id: "window:par_…", "seal:itm_…". */
const SUBJECT_KINDS = { window: 'participant', seal: 'item' } as const;
// socket_expiry: the earliest moment an open socket's token expires (presence.ts closes it then).
const PLAIN_KINDS = ['autoclose', 'full_access_end', 'limited_access_end', 'notices', 'publish', 'socket_expiry'] as const;

export type SubjectTimerKind = keyof typeof SUBJECT_KINDS;
export type PlainTimerKind = (typeof PLAIN_KINDS)[number];
export type TimerKind = SubjectTimerKind | PlainTimerKind;

/** A timer of one kind: those about a participant or item name it. */
export type TimerOf<K extends TimerKind> = K extends SubjectTimerKind ? { kind: K; subject: string } : { kind: K; subject?: undefined };
export type Timer = TimerOf<TimerKind>;
export type DueTimer<K extends TimerKind = TimerKind> = TimerOf<K> & { key: string; dueAt: number };
export type TimerHandler<K extends TimerKind = TimerKind> = (timer: DueTimer<K>, at: number) => void | Promise<void>;

export function timerKey(t: Timer): string {
  return t.subject === undefined ? t.kind : `${t.kind}:${t.subject}`;
}

function parseKey(key: string): Timer | null {
  const [kind, subject, extra] = key.split(':');
  if (extra !== undefined) return null;
  if (subject === undefined) return (PLAIN_KINDS as readonly string[]).includes(kind!) ? { kind: kind as PlainTimerKind } : null;
  return kind! in SUBJECT_KINDS ? { kind: kind as SubjectTimerKind, subject } : null;
}

export class Timers {
  private readonly handlers = new Map<TimerKind, TimerHandler>();

  constructor(
    private readonly store: RoomStore,
    private readonly storage: DurableObjectStorage,
  ) {}

  /** Registers the one handler of a kind (feature modules register theirs when the room is built). */
  on<K extends TimerKind>(kind: K, handler: TimerHandler<K>): void {
    if (this.handlers.has(kind)) throw new Error(`a handler for ${kind} timers is already registered`);
    this.handlers.set(kind, handler as TimerHandler);
  }

  /** Sets (or moves) a timer. Call arm() once the change is committed. */
  set(timer: Timer, dueAt: number): void {
    this.store.setTimer(timerKey(timer), dueAt);
  }

  /** Plans a timer that is re-planned often: writes only when it moved; null removes it. */
  plan(timer: Timer, dueAt: number | null): void {
    const key = timerKey(timer);
    if (this.store.timerDue(key) === dueAt) return;
    if (dueAt === null) this.store.deleteTimer(key);
    else this.store.setTimer(key, dueAt);
  }

  clear(timer: Timer): void {
    this.store.deleteTimer(timerKey(timer));
  }

  /** Removes a timer; true when it was still there. Inside a handler's transaction, this is what makes a second firing do nothing. */
  take(timer: Timer): boolean {
    return this.store.deleteTimer(timerKey(timer));
  }

  /** One alarm, at the earliest timer. */
  async arm(): Promise<void> {
    const next = this.store.earliestTimer();
    if (next === null) await this.storage.deleteAlarm();
    else if ((await this.storage.getAlarm()) !== next) await this.storage.setAlarm(next);
  }

  /** The alarm rang: run every timer due by `at`, earliest first. */
  async fire(at: number): Promise<void> {
    for (const row of this.store.dueTimers(at)) {
      const timer = parseKey(row.key);
      const handler = timer && this.handlers.get(timer.kind);
      if (!timer || !handler) {
        // A kind this build no longer knows: drop it rather than ring for it forever.
        logWarning('timer_unknown', { key: row.key });
        this.store.deleteTimer(row.key);
        continue;
      }
      await handler({ ...timer, key: row.key, dueAt: row.due_at } as DueTimer, at);
    }
  }
}
