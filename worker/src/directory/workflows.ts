// Workflows in D1: the workflow (its name and version counter) and each
// version's definition. A session keeps the version it was sent with.
import type { WorkflowDefinition, WorkflowView } from '../contract/workflows';

type VersionRow = { id: string; name: string; current_version: number; version: number; definition_json: string; created_at: number };

/** One version of an org's workflow (the current one by default), or null. */
export async function loadWorkflow(db: D1Database, orgId: string, workflowId: string, version?: number): Promise<WorkflowView | null> {
  const row = await db
    .prepare(
      `SELECT w.id, w.name, w.current_version, v.version, v.definition_json, v.created_at
       FROM workflows w JOIN workflow_versions v ON v.workflow_id = w.id AND v.version = COALESCE(?, w.current_version)
       WHERE w.id = ? AND w.org_id = ?`,
    )
    .bind(version ?? null, workflowId, orgId)
    .first<VersionRow>();
  return row ? viewOf(row) : null;
}

/** The org's workflow of this name, if any (names are unique in an org). */
export async function workflowNamed(db: D1Database, orgId: string, name: string): Promise<{ id: string } | null> {
  return db.prepare('SELECT id FROM workflows WHERE org_id = ? AND name = ?').bind(orgId, name).first<{ id: string }>();
}

export async function findWorkflow(db: D1Database, orgId: string, workflowId: string): Promise<{ id: string; current_version: number } | null> {
  return db.prepare('SELECT id, current_version FROM workflows WHERE id = ? AND org_id = ?').bind(workflowId, orgId).first();
}

const definitionJson = (def: WorkflowDefinition) => JSON.stringify({ roles: def.roles, steps: def.steps });

/** A new workflow at version 1, in one batch. */
export async function createWorkflow(db: D1Database, w: { id: string; orgId: string; def: WorkflowDefinition; by: string; at: number }): Promise<void> {
  await db.batch([
    db.prepare('INSERT INTO workflows (id, org_id, name, current_version, created_by, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?)').bind(w.id, w.orgId, w.def.name, w.by, w.at, w.at),
    db.prepare('INSERT INTO workflow_versions (workflow_id, version, definition_json, created_by, created_at) VALUES (?, 1, ?, ?, ?)').bind(w.id, definitionJson(w.def), w.by, w.at),
  ]);
}

/** The next version (its name may change). The version number is the guard: a concurrent save of the same version fails the primary key. */
export async function addWorkflowVersion(db: D1Database, w: { id: string; version: number; def: WorkflowDefinition; by: string; at: number }): Promise<void> {
  await db.batch([
    db.prepare('INSERT INTO workflow_versions (workflow_id, version, definition_json, created_by, created_at) VALUES (?, ?, ?, ?, ?)').bind(w.id, w.version, definitionJson(w.def), w.by, w.at),
    db.prepare('UPDATE workflows SET name = ?, current_version = ?, updated_at = ? WHERE id = ? AND current_version = ?').bind(w.def.name, w.version, w.at, w.id, w.version - 1),
  ]);
}

/** The org's workflows at their current version, by name. */
export async function currentWorkflows(db: D1Database, orgId: string): Promise<Array<WorkflowView & { updatedAt: string }>> {
  const { results } = await db
    .prepare(
      `SELECT w.id, w.name, w.current_version, w.updated_at, v.version, v.definition_json, v.created_at
       FROM workflows w JOIN workflow_versions v ON v.workflow_id = w.id AND v.version = w.current_version
       WHERE w.org_id = ? ORDER BY w.name`,
    )
    .bind(orgId)
    .all<VersionRow & { updated_at: number }>();
  return results.map((r) => ({ ...viewOf(r), updatedAt: new Date(r.updated_at).toISOString() }));
}

function viewOf(row: VersionRow): WorkflowView {
  const def = JSON.parse(row.definition_json) as Pick<WorkflowDefinition, 'roles' | 'steps'>;
  return { id: row.id, name: row.name, version: row.version, currentVersion: row.current_version, roles: def.roles, steps: def.steps, createdAt: new Date(row.created_at).toISOString() };
}
