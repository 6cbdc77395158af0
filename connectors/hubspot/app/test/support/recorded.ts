// Parley's answers the card and settings page are tested on, recorded from
// the Worker (test/fixtures/*.json) and held to the Worker's OpenAPI document
// by test/recorded-answers.test.ts: what each file is an answer to lives here,
// beside the files, so a new one cannot go unchecked.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

/** A declared answer: method, the document's path template, status. */
export interface Answer {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  status: string;
}

const answer = (method: Answer['method'], p: string, status: string): Answer => ({ method, path: `/api/v1${p}`, status });

/** Every recorded file, by name, and the answer it records. */
export const RECORDED = {
  listSessions: answer('get', '/sessions', '200'),
  getSessionActive: answer('get', '/sessions/{sessionId}', '200'),
  endSession: answer('post', '/sessions/{sessionId}/end', '200'),
  startSessionPlanned: answer('post', '/sessions', '201'),
  startRefused: answer('post', '/sessions', '422'),
  listTemplates: answer('get', '/templates', '200'),
  sendTemplate: answer('post', '/sessions/{sessionId}/documents', '201'),
  sendTemplateRefused: answer('post', '/sessions/{sessionId}/documents', '422'),
  getTemplateWithRoles: answer('get', '/templates/{templateId}', '200'),
  getTemplateCustomerOnly: answer('get', '/templates/{templateId}', '200'),
  getMe: answer('get', '/me', '200'),
  postMessage: answer('post', '/sessions/{sessionId}/messages', '201'),
  workspaceLink: answer('post', '/workspace-link', '201'),
  getSettings: answer('get', '/settings', '200'),
  settingsRefused: answer('patch', '/settings', '422'),
  listTeams: answer('get', '/teams', '200'),
  getTeamSettings: answer('get', '/teams/{teamId}/settings', '200'),
  getNotificationSettings: answer('get', '/settings/notifications', '200'),
  hubspotStatus: answer('get', '/crm/hubspot', '200'),
  hubspotStatusBroken: answer('get', '/crm/hubspot', '200'),
  resync: answer('post', '/crm/hubspot/resync', '202'),
  checkHubSpot: answer('post', '/crm/hubspot/check', '200'),
  checkHubSpotRefused: answer('post', '/crm/hubspot/check', '200'),
  rateLimited: answer('get', '/sessions/{sessionId}', '429'),
  notConnected: answer('get', '/sessions', '403'),
  listWorkflows: answer('get', '/workflows', '200'),
  getWorkflowWithRoles: answer('get', '/workflows/{workflowId}', '200'),
  sendWorkflow: answer('post', '/sessions/{sessionId}/workflows', '201'),
  getSessionWithApps: answer('get', '/sessions/{sessionId}', '200'),
} as const satisfies Record<string, Answer>;

export type RecordedName = keyof typeof RECORDED;

/** A fresh copy of a recorded answer (tests may change it). */
export function recorded(name: RecordedName): any {
  return JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8'));
}
