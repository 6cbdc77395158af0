// The namespace of the Parley package in an org. Deployed from source (or
// an unmanaged package), Parley's components keep force-app's names: the
// Named Credential and External Credential are Parley. Installed from a
// namespaced managed package, Salesforce gives them fully qualified names,
// ns__Parley, and the Worker's write-back must prefix every custom object
// and field it writes the same way, so the command finds the namespace and
// hands it to both.
import type { Connection } from '@salesforce/core';

/** Salesforce's rule for a namespace prefix: a letter first, 1 to 15 letters, digits or single underscores. */
export const NAMESPACE_PATTERN = /^(?=.{1,15}$)[A-Za-z](?:_?[A-Za-z0-9])*$/;

/** A class only the Parley package brings: its namespace is the package's. */
export const PACKAGE_CLASS = 'ParleyClient';

/** A component's developer name as the org spells it: `ns__Name` in a namespaced package, `Name` without one. */
export function qualifiedName(name: string, namespace: string): string {
  return namespace === '' ? name : `${namespace}__${name}`;
}

/**
 * The namespace of the installed Parley package, '' when it has none.
 * ApexClass.NamespacePrefix is set only on classes that came with a
 * managed package (or, in a namespaced Developer Edition org, on its own
 * classes, whose components carry the same prefix): a ParleyClient with a
 * prefix is the package's. A customer's own class of the same name, if any,
 * has none and is passed over. No ParleyClient at all: nothing installed,
 * which reading the Named Credential reports next, so '' is returned.
 */
export async function detectPackageNamespace(connection: Connection): Promise<string> {
  const { records } = await connection.query<{ NamespacePrefix: string | null }>(`SELECT NamespacePrefix FROM ApexClass WHERE Name = '${PACKAGE_CLASS}'`);
  return records.map((r) => r.NamespacePrefix ?? '').find((prefix) => prefix !== '') ?? '';
}
