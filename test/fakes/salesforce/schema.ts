// The objects the fake org knows, field by field: the three Parley objects of
// the package (force-app/main/default/objects), and the standard file objects
// the sealed-PDF upload uses. Types are Salesforce's describe names. Anything
// not described here is "No such column" to the fake, as it would be to an org
// that does not have the package installed at that version. Picklist values
// are Parley's catalogue, which test/force-app/metadata.test.ts holds the
// package's picklists to.
import { DELIVERY_STATUSES, ITEM_KINDS, ITEM_STATUSES, PARTICIPANT_STATUSES, PAYMENT_STATES, SEARCH_SPACES, SESSION_STATUSES } from '../../../worker/src/domain/catalogue.ts';

export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'url'
  | 'double'
  | 'boolean'
  | 'datetime'
  | 'picklist'
  | 'reference'
  | 'base64';

export interface FieldDef {
  name: string;
  type: FieldType;
  label: string;
  /** Maximum characters of a string, textarea, email, phone or url. */
  length?: number;
  /** The allowed values of a restricted picklist. */
  values?: readonly string[];
  /** What a reference points at; empty means any object (polymorphic). */
  referenceTo?: readonly string[];
  /** The name to use for a reference by external id: `Session__r: { External_Id__c: … }`. */
  relationshipName?: string;
  externalId?: boolean;
  unique?: boolean;
  createable: boolean;
  updateable: boolean;
  /** Must be given on create (or defaulted by the object's own rules). */
  required?: boolean;
}

export interface ObjectDef {
  name: string;
  keyPrefix: string;
  fields: readonly FieldDef[];
}

const label = (name: string): string => name.replace(/__c$/, '').replace(/_/g, ' ');

function field(name: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef {
  return { name, type, label: label(name), createable: true, updateable: true, ...extra };
}
const text = (name: string, length: number, extra: Partial<FieldDef> = {}) => field(name, 'string', { length, ...extra });
const picklist = (name: string, values: readonly string[]) => field(name, 'picklist', { values });
const lookup = (name: string, to: string) => field(name, 'reference', { referenceTo: [to], relationshipName: name.replace(/__c$/, '__r') });
const readOnly = (f: FieldDef): FieldDef => ({ ...f, createable: false, updateable: false });

/** Every record has these; the platform sets them. */
const SYSTEM_FIELDS: readonly FieldDef[] = [
  readOnly(field('Id', 'id', { label: 'Record ID' })),
  readOnly(field('CreatedDate', 'datetime', { label: 'Created Date' })),
  readOnly(field('LastModifiedDate', 'datetime', { label: 'Last Modified Date' })),
  readOnly(field('SystemModstamp', 'datetime', { label: 'System Modstamp' })),
];

/** What every Parley object carries: a Text name, the upsert key and the version the guard trigger compares. */
const PARLEY_COMMON: readonly FieldDef[] = [
  text('Name', 80),
  text('External_Id__c', 40, { label: 'External Id', externalId: true, unique: true }),
  field('Version__c', 'double'),
];

export const PARLEY_SESSION: ObjectDef = {
  name: 'Parley_Session__c',
  keyPrefix: 'a01',
  fields: [
    ...PARLEY_COMMON,
    picklist('Status__c', SESSION_STATUSES),
    text('Customer_Name__c', 120),
    field('Customer_Email__c', 'email', { length: 80 }),
    field('Customer_Phone__c', 'phone', { length: 40 }),
    field('Agent_Email__c', 'email', { length: 80 }),
    text('Agent_Name__c', 120),
    // Who may read the session (the package's Apex sharing grants by these three).
    text('Agent_User_Id__c', 18),
    text('Team__c', 80),
    picklist('Search_Space__c', SEARCH_SPACES),
    field('Created_At__c', 'datetime'),
    field('Invited_At__c', 'datetime'),
    field('Ended_At__c', 'datetime'),
    field('Closed_At__c', 'datetime'),
    text('Record_Id__c', 18),
    text('Record_Object__c', 80),
    lookup('Contact__c', 'Contact'),
    lookup('Lead__c', 'Lead'),
    lookup('Account__c', 'Account'),
    lookup('Opportunity__c', 'Opportunity'),
    lookup('Case__c', 'Case'),
    field('Items_Total__c', 'double'),
    field('Items_Completed__c', 'double'),
    field('Workspace_Url__c', 'url', { length: 255 }),
  ],
};

export const PARLEY_PARTICIPANT: ObjectDef = {
  name: 'Parley_Participant__c',
  keyPrefix: 'a02',
  fields: [
    ...PARLEY_COMMON,
    lookup('Session__c', 'Parley_Session__c'),
    text('Role__c', 80),
    field('Primary__c', 'boolean'),
    field('Email__c', 'email', { length: 80 }),
    field('Phone__c', 'phone', { length: 40 }),
    picklist('Status__c', PARTICIPANT_STATUSES),
    field('Invited_At__c', 'datetime'),
    field('Entered_At__c', 'datetime'),
    field('Consented_At__c', 'datetime'),
    field('Completed_At__c', 'datetime'),
    text('Auth_Status__c', 20),
    picklist('Message_Status__c', DELIVERY_STATUSES),
    text('Message_Detail__c', 255),
  ],
};

export const PARLEY_ITEM: ObjectDef = {
  name: 'Parley_Item__c',
  keyPrefix: 'a03',
  fields: [
    ...PARLEY_COMMON,
    lookup('Session__c', 'Parley_Session__c'),
    picklist('Kind__c', ITEM_KINDS),
    picklist('Status__c', ITEM_STATUSES),
    field('Reason__c', 'textarea', { length: 2000 }),
    field('Created_At__c', 'datetime'),
    field('Status_Changed_At__c', 'datetime'),
    field('Completed_At__c', 'datetime'),
    text('Sealed_Sha256__c', 64),
    field('Payment_Amount__c', 'double'),
    text('Payment_Currency__c', 3),
    picklist('Payment_State__c', PAYMENT_STATES),
    field('Amount_Refunded__c', 'double'),
  ],
};

export const CONTENT_DOCUMENT: ObjectDef = {
  name: 'ContentDocument',
  keyPrefix: '069',
  fields: [
    readOnly(text('Title', 255)),
    readOnly(field('LatestPublishedVersionId', 'reference', { referenceTo: ['ContentVersion'] })),
    readOnly(text('FileExtension', 40)),
    readOnly(field('ContentSize', 'double')),
  ],
};

export const CONTENT_VERSION: ObjectDef = {
  name: 'ContentVersion',
  keyPrefix: '068',
  fields: [
    text('Title', 255),
    text('PathOnClient', 500, { updateable: false, required: true }),
    field('VersionData', 'base64', { updateable: false, required: true }),
    field('Description', 'textarea', { length: 1000 }),
    // Any record the file is first shared with; Salesforce links the new document to it.
    field('FirstPublishLocationId', 'reference', { referenceTo: [], updateable: false }),
    // Given on create only to add a version to an existing document.
    field('ContentDocumentId', 'reference', { referenceTo: ['ContentDocument'], updateable: false }),
    // The package's field: the sealed PDF's key, so a retried upload finds the first one.
    text('Parley_Key__c', 80, { label: 'Parley Key', externalId: true, unique: true }),
    readOnly(field('IsLatest', 'boolean')),
    readOnly(text('FileExtension', 40)),
    readOnly(field('ContentSize', 'double')),
    readOnly(field('VersionNumber', 'string', { length: 20 })),
  ],
};

export const SHARE_TYPES = ['V', 'C', 'I'] as const;
export const VISIBILITIES = ['AllUsers', 'InternalUsers', 'SharedUsers'] as const;

export const CONTENT_DOCUMENT_LINK: ObjectDef = {
  name: 'ContentDocumentLink',
  keyPrefix: '06A',
  fields: [
    field('ContentDocumentId', 'reference', { referenceTo: ['ContentDocument'], updateable: false, required: true }),
    field('LinkedEntityId', 'reference', { referenceTo: [], updateable: false, required: true }),
    picklist('ShareType', SHARE_TYPES),
    picklist('Visibility', VISIBILITIES),
  ],
};

export const OBJECTS: readonly ObjectDef[] = [
  PARLEY_SESSION,
  PARLEY_PARTICIPANT,
  PARLEY_ITEM,
  CONTENT_DOCUMENT,
  CONTENT_VERSION,
  CONTENT_DOCUMENT_LINK,
].map((o) => ({ ...o, fields: [...SYSTEM_FIELDS, ...o.fields] }));

/**
 * Standard objects the fake does not store but whose ids Parley writes into
 * lookups (the CRM record a session belongs to) or links files to. An id with
 * one of these prefixes is accepted as pointing at a real record.
 */
export const UNSTORED_KEY_PREFIXES: Readonly<Record<string, string>> = {
  Account: '001',
  Contact: '003',
  Opportunity: '006',
  Lead: '00Q',
  Case: '500',
  User: '005',
};

export function objectNamed(name: string): ObjectDef | undefined {
  const lower = name.toLowerCase();
  return OBJECTS.find((o) => o.name.toLowerCase() === lower);
}

/** Field names are case-insensitive in the API; the answer carries the declared spelling. */
export function fieldNamed(object: ObjectDef, name: string): FieldDef | undefined {
  const lower = name.toLowerCase();
  return object.fields.find((f) => f.name.toLowerCase() === lower);
}

export function relationshipNamed(object: ObjectDef, name: string): FieldDef | undefined {
  const lower = name.toLowerCase();
  return object.fields.find((f) => f.relationshipName?.toLowerCase() === lower);
}

export function objectWithKeyPrefix(prefix: string): string | undefined {
  return OBJECTS.find((o) => o.keyPrefix === prefix)?.name ?? Object.entries(UNSTORED_KEY_PREFIXES).find(([, p]) => p === prefix)?.[0];
}
