// What one HubSpot account (a "portal") holds, as far as Parley touches it:
// CRM records of the standard objects and notes, their property definitions
// and groups, associations, and files. Plain data, no HTTP: the endpoints
// (crm-objects.ts, properties.ts, files.ts) read and change it.

export const CRM_OBJECTS = ['contacts', 'companies', 'deals', 'tickets', 'notes'] as const;
export type CrmObject = (typeof CRM_OBJECTS)[number];

export const isCrmObject = (s: string): s is CrmObject => (CRM_OBJECTS as readonly string[]).includes(s);

/** HubSpot-defined association types from a note (the "Associations v4" reference). */
export const NOTE_ASSOCIATION_TYPES: Record<number, CrmObject> = { 202: 'contacts', 190: 'companies', 214: 'deals', 228: 'tickets' };

export interface PropertyDefinition {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName: string;
  description?: string;
  options?: Array<{ label: string; value: string; displayOrder?: number; hidden?: boolean }>;
  hasUniqueValue?: boolean;
  hubspotDefined?: boolean;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

export interface PropertyGroup {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}

/** One write a record received: which call, when, and the properties it set. */
export interface RecordWrite {
  call: number;
  at: number;
  properties: Record<string, string | null>;
}

export interface StoredRecord {
  id: string;
  object: CrmObject;
  properties: Record<string, string | null>;
  createdAt: number;
  updatedAt: number;
  writes: RecordWrite[];
}

export interface Association {
  fromObject: CrmObject;
  fromId: string;
  toObject: CrmObject;
  toId: string;
  category: string;
  typeId: number;
}

export interface StoredFile {
  id: string;
  name: string;
  extension: string;
  path: string;
  folderPath: string;
  access: string;
  size: number;
  bytes: Uint8Array;
  createdAt: number;
}

const DEFAULT_PROPERTIES: Record<CrmObject, Array<[string, string, string]>> = {
  contacts: [['email', 'string', 'text'], ['firstname', 'string', 'text'], ['lastname', 'string', 'text'], ['phone', 'string', 'phonenumber']],
  companies: [['name', 'string', 'text'], ['domain', 'string', 'text']],
  deals: [['dealname', 'string', 'text'], ['amount', 'number', 'number']],
  tickets: [['subject', 'string', 'text'], ['hs_pipeline_stage', 'enumeration', 'select']],
  notes: [['hs_timestamp', 'datetime', 'date'], ['hs_note_body', 'string', 'html'], ['hs_attachment_ids', 'enumeration', 'checkbox']],
};

export class Portal {
  readonly records = new Map<string, StoredRecord>();
  readonly properties = new Map<CrmObject, Map<string, PropertyDefinition>>();
  readonly groups = new Map<CrmObject, Map<string, PropertyGroup>>();
  readonly associations: Association[] = [];
  readonly files = new Map<string, StoredFile>();
  private nextId = 1000;
  readonly portalId: string;

  constructor(portalId: string) {
    this.portalId = portalId;
    const at = new Date(0).toISOString();
    for (const object of CRM_OBJECTS) {
      const defs = new Map<string, PropertyDefinition>();
      for (const [name, type, fieldType] of [['hs_object_id', 'number', 'number'], ['createdate', 'datetime', 'date'], ['hs_lastmodifieddate', 'datetime', 'date'], ...DEFAULT_PROPERTIES[object]] as Array<[string, string, string]>) {
        defs.set(name, { name, label: name, type, fieldType, groupName: 'hubspot_defined', hubspotDefined: true, createdAt: at, updatedAt: at, archived: false, ...(name === 'email' ? { hasUniqueValue: true } : {}) });
      }
      this.properties.set(object, defs);
      this.groups.set(object, new Map());
    }
  }

  mintId(): string {
    return String(this.nextId++);
  }

  record(object: CrmObject, id: string): StoredRecord | undefined {
    const r = this.records.get(id);
    return r && r.object === object ? r : undefined;
  }

  all(object: CrmObject): StoredRecord[] {
    return [...this.records.values()].filter((r) => r.object === object);
  }

  /** Property names of `object` that do not exist, among those given. */
  unknownProperties(object: CrmObject, names: string[]): string[] {
    const defs = this.properties.get(object)!;
    return names.filter((n) => !defs.has(n));
  }

  create(object: CrmObject, properties: Record<string, string | null>, at: number, call: number): StoredRecord {
    const id = this.mintId();
    const record: StoredRecord = { id, object, properties: { ...properties, hs_object_id: id }, createdAt: at, updatedAt: at, writes: [{ call, at, properties }] };
    this.records.set(id, record);
    return record;
  }

  update(record: StoredRecord, properties: Record<string, string | null>, at: number, call: number): void {
    Object.assign(record.properties, properties);
    record.updatedAt = at;
    record.writes.push({ call, at, properties });
  }

  findByProperty(object: CrmObject, name: string, value: string): StoredRecord | undefined {
    const wanted = name === 'email' ? value.toLowerCase() : value;
    return this.all(object).find((r) => (name === 'email' ? r.properties[name]?.toLowerCase() : r.properties[name]) === wanted);
  }

  associate(a: Association): void {
    if (!this.associations.some((x) => x.fromId === a.fromId && x.toId === a.toId && x.typeId === a.typeId)) this.associations.push(a);
  }

  /** Associations either way between a record and objects of `toObject`, as v4 reads them. */
  associated(fromObject: CrmObject, fromId: string, toObject: CrmObject): Array<{ toId: string; category: string; typeId: number }> {
    const out: Array<{ toId: string; category: string; typeId: number }> = [];
    for (const a of this.associations) {
      if (a.fromObject === fromObject && a.fromId === fromId && a.toObject === toObject) out.push({ toId: a.toId, category: a.category, typeId: a.typeId });
      else if (a.toObject === fromObject && a.toId === fromId && a.fromObject === toObject) out.push({ toId: a.fromId, category: a.category, typeId: a.typeId });
    }
    return out;
  }

  /** The record as HubSpot's CRM API answers it: id, the properties asked for (all when none), times. */
  view(r: StoredRecord, wanted?: string[]) {
    const properties: Record<string, string | null> = {};
    const names = wanted && wanted.length ? wanted : Object.keys(r.properties);
    for (const n of names) properties[n] = r.properties[n] ?? null;
    properties.hs_object_id = r.id;
    properties.createdate = new Date(r.createdAt).toISOString();
    properties.hs_lastmodifieddate = new Date(r.updatedAt).toISOString();
    return { id: r.id, properties, createdAt: new Date(r.createdAt).toISOString(), updatedAt: new Date(r.updatedAt).toISOString(), archived: false };
  }
}
