// Publishing what the event log holds: the session's row in the D1 index
// (lists and search), and to its org's write-back queue one message saying
// from which event on the session's CRM records changed.
// Events are stored before they are published, so publishing can wait: a
// burst of changes goes out as one message shortly after, and a failed
// publish loses nothing — it is logged and tried again from the "publish"
// timer.
import { now } from '../clock';
import { crmLinkOf, NO_RECORD_EVENTS, type CrmEvent } from '../crm/messages';
import { refreshSessionIndex } from '../directory/session-index';
import type { Env } from '../env';
import { logError, reasonOf } from '../log';
import { writebackQueue } from '../crm/writeback-queues';
import { eventFromRow } from './event-log';
import type { RoomStore } from './store';
import type { Timers } from './timers';

/** How long changes gather before they are published together. */
const FLUSH_DELAY_MS = 100;
const RETRY_MS = 30_000;
const BATCH = 100;

export class Publisher {
  private flushing: Promise<void> = Promise.resolve();
  private scheduled: Promise<void> | null = null;
  /** What the D1 index last heard from us (status, agent, team); null after a wake-up. */
  private indexed: string | null = null;

  constructor(
    private readonly env: Env,
    private readonly state: DurableObjectState,
    private readonly store: RoomStore,
    private readonly timers: Timers,
  ) {
    timers.on('publish', async (timer) => {
      this.timers.take(timer);
      await this.now();
    });
  }

  /** Publish shortly, together with whatever else changes meanwhile. */
  soon(): void {
    if (this.scheduled) return;
    this.scheduled = new Promise<void>((resolve) => setTimeout(resolve, FLUSH_DELAY_MS)).then(() => {
      this.scheduled = null;
      return this.now();
    });
    this.state.waitUntil(this.scheduled);
  }

  /** Resolves once a publish asked for by soon() or now() has been made (or has failed and set its retry timer). */
  async idle(): Promise<void> {
    await this.scheduled;
    await this.flushing;
  }

  /**
   * Publish everything unpublished now: for changes others must see in D1 at
   * once (a session's status). Serialized, so two callers never send the
   * same batch; on failure the retry timer is set and the error logged.
   */
  now(): Promise<void> {
    this.flushing = this.flushing.then(() => this.publishPending()).catch(async (err) => {
      logError('publish_failed', { sessionId: this.store.session()?.id, reason: reasonOf(err), retryInMs: RETRY_MS });
      this.timers.set({ kind: 'publish' }, now() + RETRY_MS);
      await this.timers.arm();
    });
    return this.flushing;
  }

  private async publishPending(): Promise<void> {
    for (;;) {
      const rows = this.store.unpublishedEvents(BATCH);
      if (rows.length === 0) break;
      const s = this.store.session()!;
      const last = rows[rows.length - 1]!.version;
      // The D1 index only holds what lists filter on: skip the write when none of it changed.
      const indexed = `${s.status}|${s.agent_id}|${s.team_id}`;
      if (indexed !== this.indexed) {
        await refreshSessionIndex(this.env.DB, { id: s.id, orgId: s.org_id, status: s.status, agentId: s.agent_id, teamId: s.team_id }, last, now());
        this.indexed = indexed;
      }
      // One message per publish, its first change: write-back reads the records as they are now, from that
      // version on (crm/changes.ts), so it stands for every change after it. Chat changes no CRM record and
      // sends none: it would be most of a live session's traffic.
      const first = rows.find((r) => !NO_RECORD_EVENTS.has(r.type));
      if (first) {
        const change: CrmEvent = { ...eventFromRow(first), orgId: s.org_id, sessionId: s.id, crm: crmLinkOf(s) };
        await writebackQueue(this.env, s.org_id).send(change, { contentType: 'json' });
      }
      this.store.markPublished(last);
      if (rows.length < BATCH) break;
    }
    if (this.timers.take({ kind: 'publish' })) await this.timers.arm();
  }
}
