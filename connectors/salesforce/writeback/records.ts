// Parley's changes as Salesforce records of the package's three objects
// (force-app/main/default/objects). Pure: no I/O.
import type { CrmChanges } from '../../../worker/src/crm/changes';
import { iso } from '../../../worker/src/contract/time';
import { UNKNOWN_REACH, type SessionReach } from '../../../worker/src/domain/session-reach';
import { currencyExponent } from '../../../worker/src/domain/payment';

export const SESSION_OBJECT = 'Parley_Session__c';
export const PARTICIPANT_OBJECT = 'Parley_Participant__c';
export const ITEM_OBJECT = 'Parley_Item__c';
export const EXTERNAL_ID = 'External_Id__c';

export type SObjectRecord = { attributes: { type: string }; External_Id__c: string; Version__c: number } & Record<string, unknown>;

/** The lookup field for a record, by the key prefix of its Salesforce id (or its object name). */
const LOOKUPS: Array<{ prefix: string; object: string; field: string }> = [
  { prefix: '003', object: 'contact', field: 'Contact__c' },
  { prefix: '00Q', object: 'lead', field: 'Lead__c' },
  { prefix: '001', object: 'account', field: 'Account__c' },
  { prefix: '006', object: 'opportunity', field: 'Opportunity__c' },
  { prefix: '500', object: 'case', field: 'Case__c' },
];

const SALESFORCE_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

export function lookupFieldFor(crm: CrmChanges['crm']): string | null {
  if (!crm || crm.system !== 'salesforce' || !SALESFORCE_ID.test(crm.recordId)) return null;
  const byObject = crm.objectType ? LOOKUPS.find((l) => l.object === crm.objectType!.toLowerCase()) : undefined;
  return (byObject ?? LOOKUPS.find((l) => crm.recordId.startsWith(l.prefix)))?.field ?? null;
}

/**
 * Text fields have lengths; Salesforce refuses the whole record when one is
 * too long. Lengths count UTF-16 code units (an emoji takes two), so the cut
 * is made there, but never between the two halves of a surrogate pair: half
 * an emoji is not text, and would reach the record as a broken character.
 */
function cut(s: string | null, max: number): string | null {
  if (s === null || s.length <= max) return s;
  let end = max - 1; // room for the ellipsis
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${s.slice(0, end)}…`;
}

/** Salesforce Email fields hold 80 characters; a longer address (valid, but rare) is left out rather than failing the record. */
const email = (e: string | null | undefined) => (e && e.length <= 80 ? e : null);

export interface Agent {
  email: string;
  name: string;
  /** The agent's Salesforce User Id when Salesforce made them an agent (directory/crm-agents.ts); null for an agent made in Parley. */
  salesforceUserId: string | null;
}

/**
 * The session record. Who may read it in Salesforce follows Parley's search
 * space: Agent_User_Id__c, Team__c and Search_Space__c are what the package's
 * Apex sharing (ParleySessionSharing) grants by. The agent is named in a
 * text field, not OwnerId: an upsert that set OwnerId to an inactive or
 * unlicensed user would fail the record, and a session must never be lost.
 */
export function sessionRecord(c: CrmChanges, agent: Agent | undefined, publicUrl: string, reach: SessionReach = UNKNOWN_REACH): SObjectRecord | null {
  const s = c.session;
  if (!s) return null;
  const lookup = lookupFieldFor(c.crm);
  return {
    attributes: { type: SESSION_OBJECT },
    External_Id__c: c.sessionId,
    Version__c: s.version,
    Name: cut(s.customerName || c.sessionId, 80),
    Status__c: s.status,
    Customer_Name__c: cut(s.customerName, 120),
    Customer_Email__c: email(s.customerEmail),
    Customer_Phone__c: s.customerPhone,
    Agent_Email__c: email(agent?.email),
    Agent_Name__c: cut(agent?.name ?? null, 120),
    Agent_User_Id__c: agent?.salesforceUserId && SALESFORCE_ID.test(agent.salesforceUserId) ? agent.salesforceUserId : null,
    Team__c: cut(reach.team, 80),
    Search_Space__c: reach.searchSpace,
    Created_At__c: iso(s.createdAt),
    Invited_At__c: iso(s.invitedAt),
    Ended_At__c: iso(s.endedAt),
    Closed_At__c: iso(s.closedAt),
    Record_Id__c: c.crm ? cut(c.crm.recordId, 18) : null,
    Record_Object__c: c.crm ? cut(c.crm.objectType, 80) : null,
    ...(lookup ? { [lookup]: c.crm!.recordId } : {}),
    Items_Total__c: s.itemsTotal,
    Items_Completed__c: s.itemsCompleted,
    Workspace_Url__c: new URL(`/app/sessions/${c.sessionId}`, publicUrl).toString(),
  };
}

const CHANNEL_NAMES = { sms: 'SMS', email: 'Email' } as const;

/** Message_Detail__c: the channel, then why the message is not delivered when Parley knows (e.g. "SMS · Unreachable destination handset (Twilio 30003)"). */
export function messageDetail(message: CrmChanges['participants'][number]['message']): string | null {
  if (!message) return null;
  const channel = CHANNEL_NAMES[message.channel];
  return cut(message.reason ? `${channel} · ${message.reason}` : channel, 255);
}

/** The parent, referenced by its external id: Salesforce resolves it in the same call. */
const sessionRef = (sessionId: string) => ({ Session__r: { [EXTERNAL_ID]: sessionId } });

export function participantRecords(c: CrmChanges): SObjectRecord[] {
  return c.participants.map((p) => ({
    attributes: { type: PARTICIPANT_OBJECT },
    External_Id__c: p.id,
    Version__c: p.version,
    Name: cut(p.name, 80),
    ...sessionRef(c.sessionId),
    Role__c: cut(p.roleName, 80),
    Primary__c: p.primary,
    Email__c: email(p.email),
    Phone__c: p.phone,
    Status__c: p.status,
    Invited_At__c: iso(p.invitedAt),
    Entered_At__c: iso(p.enteredAt),
    Consented_At__c: iso(p.consentedAt),
    Completed_At__c: iso(p.completedAt),
    Auth_Status__c: cut(p.authStatus, 20),
    // What became of their last message; both cleared (null) before any was sent.
    Message_Status__c: p.message?.status ?? null,
    Message_Detail__c: messageDetail(p.message),
  }));
}

/**
 * The item's reason: the one an agent or participant gave (declined,
 * rejected, cancelled) or, for a signed document Parley gave up sealing,
 * that failure. A seal failure keeps the item's status (the document is
 * signed), so the reason is where the CRM user reads it, as they read a
 * decline; it is gone from the record once the document is sealed.
 */
export function itemReason(i: CrmChanges['items'][number]): string | null {
  if (i.reason !== null) return i.reason;
  if (!i.sealFailure) return null;
  return `Sealing failed after ${i.sealFailure.attempts} tries: ${i.sealFailure.reason}. An admin can retry it from the session in Parley.`;
}

export function itemRecords(c: CrmChanges): SObjectRecord[] {
  return c.items.map((i) => ({
    attributes: { type: ITEM_OBJECT },
    External_Id__c: i.id,
    Version__c: i.version,
    Name: cut(i.name, 80),
    ...sessionRef(c.sessionId),
    Kind__c: i.kind,
    Status__c: i.status,
    Reason__c: cut(itemReason(i), 2000),
    Created_At__c: iso(i.createdAt),
    Status_Changed_At__c: iso(i.statusChangedAt),
    Completed_At__c: iso(i.completedAt),
    Sealed_Sha256__c: i.sealed?.sha256 ?? null,
    ...paymentFields(i.payment),
  }));
}

/** A payment's amount as Salesforce shows money (major units), its currency in capitals, and Stripe's state; nothing for other items. */
function paymentFields(p: CrmChanges['items'][number]['payment']): Record<string, string | number | null> {
  if (!p) return {};
  const major = (minor: number) => minor / 10 ** currencyExponent(p.currency);
  return { Payment_Amount__c: major(p.amount), Payment_Currency__c: p.currency.toUpperCase(), Payment_State__c: p.state, Amount_Refunded__c: major(p.amountRefunded) };
}
