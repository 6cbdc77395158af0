// The CRM port: what write-back needs of a CRM, whichever it is. A
// connector opens an org's connection; the writer it returns writes the
// changed records of a batch of sessions in as few calls as the CRM allows,
// then attaches the files (sealed PDFs, accepted documents) to what it wrote. Resyncs (resync.ts) and
// first connections need nothing more: their messages ask for everything
// since version 0. dispatch.ts drives the writers from the queue.
import type { Env } from '../env';
import type { CrmChanges } from './changes';
import type { CrmSystem } from './messages';

/** The CRM refuses Parley's credentials, or Parley cannot open them: someone must act, so try again only every 15 minutes. */
export const AUTH_DELAY_S = 900;

/** One session's records to write, as its SessionRoom reports them. */
export interface SessionChanges {
  sessionId: string;
  changes: CrmChanges;
}

/** What became of a session in a run: written, or to try again (after delayS, else the queue's backoff). */
export type WriteOutcome = { kind: 'done' } | { kind: 'retry'; delayS: number | null; reason: string };

/** Something the CRM refused for good (a validation rule, a missing field): shown to admins, not retried. */
export interface Refusal {
  sessionId: string | null;
  record: string | null;
  reason: string;
}

/**
 * A file whose item was written in this run, to attach to the CRM's records:
 * a signed document's sealed PDF, or a document the customer sent for a
 * request and the agent accepted (crm/item-files.ts lists an item's).
 */
export interface CrmFile {
  sessionId: string;
  itemId: string;
  kind: 'sealed' | 'accepted';
  /** The item's record in the CRM, from this run's write. */
  itemRecordId: string;
  /** What people see: the document's name; for an accepted file, which document it is and of which request. */
  title: string;
  /** The file's name with its extension (statement.pdf, id-front.jpg). */
  fileName: string;
  r2Key: string;
  sha256: string;
  /** When it became final (sealed, accepted): the time a CRM note carries. */
  at: number;
  /** The CRM record the session belongs to, when it is linked to one. */
  crmRecordId: string | null;
}

export interface WriteResult {
  /** Sessions that must be tried again; the rest are written. */
  retry: Map<string, Extract<WriteOutcome, { kind: 'retry' }>>;
  refusals: Refusal[];
}

/**
 * One run's writer. The CRM's "last synced" time is noted when the run is
 * over: after writeChanges when it found no files, else after attachFiles,
 * which is then always asked (with the files whose sessions are not
 * retried, perhaps none).
 */
export interface CrmWriter {
  /** Write every session's changed records. Never throws: a run that fails as a whole retries every session. */
  writeChanges(work: SessionChanges[]): Promise<WriteResult & { files: CrmFile[] }>;
  /** Attach the files to the written records, each exactly once however often it is asked. Never throws. */
  attachFiles(files: CrmFile[]): Promise<WriteResult>;
}

export type ConnectionCheck = { ok: true; instanceUrl: string; apiVersion: string } | { ok: false; error: string };

export interface CrmConnector {
  readonly system: CrmSystem;
  /** The org's writer; null when the org has not connected this CRM (nothing to write, nothing to keep). */
  connect(env: Env, orgId: string, now: () => number): Promise<CrmWriter | null>;
  /** Sign in as write-back does and report what the CRM says; null when the org has not connected it. */
  check(env: Env, orgId: string, now: () => number): Promise<ConnectionCheck | null>;
}
