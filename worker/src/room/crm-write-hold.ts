// Write-back's hold on a session. A consumer that reads a session's records
// to write them takes the session until it has written them (or until
// HOLD_MS has passed, should it die on the way); another run asking
// meanwhile is told the session is busy and retries later, so a session's
// records are never written from two states at once, the older landing last.
//
// An org's write-back runs on one queue, one batch at a time
// (crm/writeback-queues.ts), so nobody waits here as a rule. The hold keeps
// the order when two runs do meet on a session: CRM_WRITEBACK_SHARDS changed
// while the org's older messages still wait on its old queue, or a queue
// given more consumers than one. Kept in memory: a consumer holds a session
// for a second or two, while the object stays awake.

/** Longer than a write-back run takes (a batch's CRM calls, with their files); a run that died frees the session after it. */
export const HOLD_MS = 120_000;

export class CrmWriteHold {
  private holder: string | null = null;
  private until = 0;

  /** Takes the session for `holder` (again, if it holds it already); false while another run holds it. */
  take(holder: string, at: number): boolean {
    if (this.holder !== null && this.holder !== holder && at < this.until) return false;
    this.holder = holder;
    this.until = at + HOLD_MS;
    return true;
  }

  /** Frees the session, if `holder` still holds it. */
  release(holder: string): void {
    if (this.holder === holder) this.holder = null;
  }
}
