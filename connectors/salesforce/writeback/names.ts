// Parley's Salesforce names as the connected org spells them. Installed from
// source (or an unmanaged package) the package's objects and fields keep the
// names in force-app: Parley_Session__c, External_Id__c. Installed from a
// namespaced managed package, Salesforce puts the namespace and two
// underscores in front of every custom object, custom field and custom
// relationship name: acme__Parley_Session__c, acme__Session__r, and the
// package's field on a standard object, ContentVersion.acme__Parley_Key__c.
// Standard objects and fields (ContentVersion, Name, Title) never change.
//
// The write-back builds its records and queries with Parley's own names
// (records.ts) and turns them into the org's here, at the edge, so that one
// rule, applied once, decides every name Salesforce receives.

/** Salesforce's rule for a namespace prefix: a letter first, 1 to 15 letters, digits or single underscores. */
export const NAMESPACE_PATTERN = /^(?=.{1,15}$)[A-Za-z](?:_?[A-Za-z0-9])*$/;

/** Custom objects and fields end in __c, custom relationships in __r: the names a namespace applies to. */
const CUSTOM_SUFFIX = /__[cr]$/;

export interface OrgNames {
  /** The org's namespace for Parley's components; '' when the package is not namespaced. */
  readonly namespace: string;
  /** An object, field or relationship name as the org spells it (standard names are returned as they are). */
  name(parleyName: string): string;
  /** A record for an upsert or insert: its type and every key (nested relationship references too) as the org spells them; values untouched. */
  record<T extends Record<string, unknown>>(record: T): Record<string, unknown>;
}

/**
 * Names for an org whose Parley package has `namespace` ('' = none). A
 * name handed in must be Parley's unqualified one: a name that already
 * carries a namespace would come out with two, which no org has, so it
 * throws instead.
 */
export function orgNames(namespace: string): OrgNames {
  if (namespace !== '' && !NAMESPACE_PATTERN.test(namespace)) throw new Error(`not a Salesforce namespace prefix: ${JSON.stringify(namespace)}`);
  const name = (parleyName: string): string => {
    if (!CUSTOM_SUFFIX.test(parleyName)) return parleyName;
    // The only double underscore of an unqualified custom name is its suffix's.
    if (parleyName.indexOf('__') !== parleyName.length - 3) throw new Error(`${parleyName} already carries a namespace`);
    return namespace === '' ? parleyName : `${namespace}__${parleyName}`;
  };
  const record = (r: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(r).map(([key, value]) => {
        if (key === 'attributes' && isObject(value) && typeof value.type === 'string') return [key, { ...value, type: name(value.type) }];
        // A relationship's value is the parent's reference by external id: its keys are field names too.
        if (key.endsWith('__r') && isObject(value)) return [name(key), record(value)];
        return [name(key), value];
      }),
    );
  return { namespace, name, record };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
