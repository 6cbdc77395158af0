// An org that installed Parley from a namespaced managed package, put in
// front of the fake Salesforce (test/fakes/salesforce), which knows the
// package's objects and fields by their unqualified names. Every custom name
// a request carries (in the URL, the JSON body's keys and record types, the
// SOQL outside its string literals) must be namespace__Name: the shim takes
// the namespace off before the fake sees it and puts it back on the names in
// query rows, as the org answers. A custom name sent without the namespace is
// noted in `unqualified` and reaches the fake as a name no object or field
// has, so Salesforce's refusal of it is the fake's own.

const CUSTOM_NAME = /^[A-Za-z][A-Za-z0-9_]*__[cr]$/;
const CUSTOM_NAMES_IN_TEXT = /\b[A-Za-z][A-Za-z0-9_]*__[cr]\b/g;

export class NamespacedOrg {
  /** Custom names requests carried without the namespace: what a namespaced org does not know. */
  readonly unqualified: string[] = [];
  /** Custom names requests carried with it. */
  readonly qualified = new Set<string>();
  private readonly prefix: string;

  constructor(
    namespace: string,
    private readonly inner: typeof fetch,
  ) {
    this.prefix = `${namespace}__`;
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (!url.pathname.startsWith('/services/data/')) return this.inner(request);
    url.pathname = url.pathname
      .split('/')
      .map((segment) => (CUSTOM_NAME.test(segment) ? this.toFake(segment) : segment))
      .join('/');
    const soql = url.searchParams.get('q');
    if (soql !== null) url.searchParams.set('q', this.soqlToFake(soql));
    const text = request.method === 'GET' || request.method === 'HEAD' ? null : await request.text();
    const body = text ? JSON.stringify(this.keysToFake(JSON.parse(text))) : text;
    const headers = new Headers(request.headers);
    headers.delete('content-length'); // the body's names changed length
    const response = await this.inner(new Request(url, { method: request.method, headers, body }));
    if (soql === null || !response.ok) return response;
    // Query rows come back under the org's names.
    const answer = this.keysToOrg(await response.json());
    return new Response(JSON.stringify(answer), { status: response.status, headers: response.headers });
  };

  private toFake(name: string): string {
    if (name.startsWith(this.prefix)) {
      this.qualified.add(name);
      return name.slice(this.prefix.length);
    }
    this.unqualified.push(name);
    return `Unknown_${name}`;
  }

  /** Names outside string literals ('…', with \' escapes) are SOQL's; the literals are data. */
  private soqlToFake(soql: string): string {
    return soql
      .split(/('(?:\\.|[^'\\])*')/)
      .map((part, i) => (i % 2 === 1 ? part : part.replace(CUSTOM_NAMES_IN_TEXT, (name) => this.toFake(name))))
      .join('');
  }

  private keysToFake(value: unknown): unknown {
    return this.mapKeys(value, (key) => (CUSTOM_NAME.test(key) ? this.toFake(key) : key));
  }

  private keysToOrg(value: unknown): unknown {
    return this.mapKeys(value, (key) => (CUSTOM_NAME.test(key) ? this.prefix + key : key));
  }

  /** Every object key, at any depth, through `rename`; so is a record's attributes.type. */
  private mapKeys(value: unknown, rename: (key: string) => string): unknown {
    if (Array.isArray(value)) return value.map((v) => this.mapKeys(v, rename));
    if (!value || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => {
        if (key === 'attributes' && v && typeof v === 'object' && typeof (v as { type?: unknown }).type === 'string') {
          const type = (v as { type: string }).type;
          return [key, { ...v, type: CUSTOM_NAME.test(type) ? rename(type) : type }];
        }
        return [rename(key), this.mapKeys(v, rename)];
      }),
    );
  }
}
