// The properties Parley writes on the records sessions are linked to, in a
// "Parley" group on contacts, companies, deals and tickets: made on install
// (the OAuth route calls ensureParleyProperties), by write-back when the
// connection says they are not ready, and again if HubSpot says one is
// missing (an admin deleted it). Admins build workflows and reports on
// them, so the status is an enumeration.
import type { Env } from '../../../worker/src/env';
import { SESSION_STATUSES, SESSION_STATUS_LABELS } from '../../../worker/src/domain/catalogue';
import { findHubSpotConnection } from '../../../worker/src/directory/hubspot-connections';
import { HubSpotAuthError } from '../oauth/tokens';
import { HubSpotRefusal, type HubSpotApi } from './hubspot-api';
import { openHubSpotApi } from './open-api';
import { HUBSPOT_RECORD_OBJECTS } from '../../../worker/src/domain/hubspot-objects';


export const PROPERTY_GROUP = { name: 'parley', label: 'Parley', displayOrder: -1 };

export const PROPERTY = {
  status: 'parley_session_status',
  link: 'parley_session_link',
  lastActivity: 'parley_last_activity',
  sessionId: 'parley_session_id',
  progress: 'parley_items_progress',
} as const;

export const PARLEY_PROPERTIES: Array<Record<string, unknown>> = [
  {
    name: PROPERTY.status,
    label: 'Parley session status',
    description: "The status of the record's newest Parley session.",
    type: 'enumeration',
    fieldType: 'select',
    options: SESSION_STATUSES.map((s, i) => ({ label: SESSION_STATUS_LABELS[s], value: s, displayOrder: i, hidden: false })),
  },
  { name: PROPERTY.link, label: 'Parley session link', description: 'Opens the session in Parley.', type: 'string', fieldType: 'text' },
  { name: PROPERTY.lastActivity, label: 'Parley last activity', description: 'When the session last changed.', type: 'datetime', fieldType: 'date' },
  { name: PROPERTY.sessionId, label: 'Parley session ID', description: "The newest session's id in Parley.", type: 'string', fieldType: 'text' },
  { name: PROPERTY.progress, label: 'Parley items done', description: 'Items completed out of the items asked, e.g. 1/3.', type: 'string', fieldType: 'text' },
].map((p) => ({ ...p, groupName: PROPERTY_GROUP.name }));

/**
 * The group and properties on every record object, made where missing: two
 * calls per object (the group, then the properties in one batch), whatever
 * already exists. Safe to repeat.
 */
export async function createParleyProperties(api: HubSpotApi): Promise<void> {
  for (const object of HUBSPOT_RECORD_OBJECTS) {
    await api.createPropertyGroup(object, PROPERTY_GROUP);
    const made = await api.createProperties(object, PARLEY_PROPERTIES);
    const failed = made.errors.filter((e) => e.category !== 'OBJECT_ALREADY_EXISTS');
    if (failed.length) throw new HubSpotRefusal(`HubSpot refused Parley's properties on ${object}: ${failed.map((e) => e.message).join('; ')}`, 400, failed[0]!.category, []);
  }
}

/** Which of Parley's properties an object lacks (the connection check). */
export async function missingParleyProperties(api: HubSpotApi): Promise<string[]> {
  const missing: string[] = [];
  for (const object of HUBSPOT_RECORD_OBJECTS) {
    const names = await api.propertyNames(object);
    for (const p of PARLEY_PROPERTIES) if (!names.has(p.name as string)) missing.push(`${object}.${p.name}`);
  }
  return missing;
}

/** The org's portal gets Parley's properties (the install). Throws what the calls throw; the caller notes propertiesReadyAt. */
export async function ensureParleyProperties(env: Env, orgId: string, now: () => number): Promise<void> {
  const connection = await findHubSpotConnection(env.DB, orgId);
  if (!connection) throw new HubSpotAuthError('HubSpot is not connected');
  await createParleyProperties(await openHubSpotApi(env, connection, now));
}
