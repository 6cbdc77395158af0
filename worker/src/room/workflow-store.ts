// A workflow's own row (schema v9: workflow_runs): which definition the
// workflow item runs. Its steps are items under it (items.parent_id).
import type { WorkflowSummary } from '../contract/apps';
import { CLOSED_STATUSES, DONE_STATUSES, type ItemStatus } from '../domain/catalogue';
import type { ItemRow } from './rows';

export type WorkflowRunRow = {
  item_id: string;
  workflow_id: string;
  workflow_version: number;
  roles: string;
};

export function workflowRun(sql: SqlStorage, itemId: string): WorkflowRunRow | null {
  return sql.exec<WorkflowRunRow>('SELECT * FROM workflow_runs WHERE item_id = ?', itemId).toArray()[0] ?? null;
}

/** The workflow as its bubble shows it; null for an item without a run row. */
export function workflowSummary(sql: SqlStorage, workflow: Pick<ItemRow, 'id' | 'status'>): WorkflowSummary | null {
  const itemId = workflow.id;
  const run = workflowRun(sql, itemId);
  if (!run) return null;
  const steps = sql.exec<{ position: number; status: ItemStatus }>('SELECT position, status FROM items WHERE parent_id = ? ORDER BY position', itemId).toArray();
  // A skipped optional step is cancelled: it counts as done for progress.
  const finished = (s: ItemStatus) => DONE_STATUSES.has(s) || s === 'cancelled';
  // A workflow that was declined or cancelled has no step left to do, though its later steps stay drafts.
  const current = CLOSED_STATUSES.has(workflow.status) ? undefined : steps.find((s) => !finished(s.status));
  return {
    kind: 'workflow',
    workflowId: run.workflow_id,
    version: run.workflow_version,
    steps: steps.length,
    done: steps.filter((s) => finished(s.status)).length,
    current: current ? current.position : null,
  };
}

export function insertRun(sql: SqlStorage, run: WorkflowRunRow): void {
  sql.exec('INSERT INTO workflow_runs (item_id, workflow_id, workflow_version, roles) VALUES (?, ?, ?, ?)', run.item_id, run.workflow_id, run.workflow_version, run.roles);
}

/** A workflow's steps, in order. */
export function workflowSteps(sql: SqlStorage, workflowItemId: string): ItemRow[] {
  return sql.exec<ItemRow>('SELECT * FROM items WHERE parent_id = ? ORDER BY position', workflowItemId).toArray();
}
