// The session's event log, and the discipline every change follows: apply
// it and append its events in one storage transaction, then (only once that
// committed) tell the listeners: the sockets get the events, notices re-plan.
// Nobody ever sees a change that was rolled back. Publishing to D1 and the
// CRM queue reads the stored log afterwards (publisher.ts).
import { now } from '../clock';
import type { ActorKey, Audience, EventData, EventType, SessionEvent } from '../contract/events';
import type { EventRow, RoomStore } from './store';

export interface EventListener {
  /** Inside the change's transaction, for each event it emits (may write: it is part of the change). */
  emitted?(event: SessionEvent): void;
  /** After the transaction committed, with the events it emitted, oldest first. */
  committed?(events: SessionEvent[]): void;
  /** The change failed and rolled back: forget what emitted() noted. */
  rolledBack?(): void;
}

export class EventLog {
  /** Events of the change in progress, announced once it commits. */
  private pending: SessionEvent[] = [];
  private readonly listeners: EventListener[] = [];

  constructor(
    private readonly store: RoomStore,
    private readonly storage: DurableObjectStorage,
  ) {}

  listen(listener: EventListener): void {
    this.listeners.push(listener);
  }

  /** Apply a change atomically; its events reach the listeners only after it commits. */
  commit(change: () => void): void {
    try {
      this.storage.transactionSync(change);
    } catch (err) {
      this.pending = [];
      this.store.forgetCached();
      for (const l of this.listeners) l.rolledBack?.();
      throw err;
    }
    const events = this.pending;
    this.pending = [];
    if (events.length === 0) return;
    for (const l of this.listeners) l.committed?.(events);
  }

  /** Append an event; runs inside commit(), so the event exists iff the change does. */
  emit<T extends EventType>(type: T, actor: ActorKey, audience: Audience, data: EventData<T>): void {
    const event = { version: this.store.version() + 1, type, at: now(), actor, audience, data } as SessionEvent;
    this.store.insertEvent({ version: event.version, type, at: event.at, actor, audience, data: JSON.stringify(data) });
    for (const l of this.listeners) l.emitted?.(event);
    this.pending.push(event);
  }

  /** The log after a version, oldest first. */
  read(after: number, limit: number): SessionEvent[] {
    return this.store.eventsAfter(after, limit).map(eventFromRow);
  }
}

export function eventFromRow(r: Pick<EventRow, 'version' | 'type' | 'at' | 'actor' | 'audience' | 'data'>): SessionEvent {
  return { version: r.version, type: r.type, at: r.at, actor: r.actor, audience: r.audience, data: JSON.parse(r.data) } as SessionEvent;
}
