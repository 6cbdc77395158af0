// Types for the slice of jsforce that write-back uses, from its browser
// build's core (`jsforce/browser/core.js`): the build that makes requests with
// fetch, the only HTTP workerd has, without the Bulk/SOAP/streaming modules.
// jsforce's own typings reference Node's, whose globals clash with the
// Workers types, so the build ships without them and this says what we use.
declare module 'jsforce/browser/core.js' {
  export interface ConnectionOptions {
    instanceUrl: string;
    accessToken: string;
    version?: string;
    refreshFn?: (conn: Connection, callback: (err: Error | null, accessToken?: string) => void) => void;
  }
  export interface SObjectApi {
    upsert(records: Array<Record<string, unknown>>, extIdField: string, options?: { allOrNone?: boolean }): Promise<unknown>;
    create(record: Record<string, unknown>): Promise<unknown>;
  }
  export class Connection {
    constructor(options: ConnectionOptions);
    sobject(type: string): SObjectApi;
    query<T>(soql: string): Promise<{ totalSize: number; done: boolean; records: T[] }>;
    request<T>(url: string): Promise<T>;
  }
}
