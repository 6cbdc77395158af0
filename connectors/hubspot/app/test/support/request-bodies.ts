// What the card sends must be what the Worker accepts: a request body held to
// the schema its route declares in Parley's OpenAPI document, as the recorded
// answers are (test/recorded-answers.test.ts), so a body the Worker would
// refuse with a 422 fails the card's test instead of an agent's send.
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';

// The Worker's app, loaded at run time (it is type-checked with the Worker's own settings).
const WORKER_APP = path.resolve(import.meta.dirname, '../../../../../worker/src/app.tsx');
const { openApiDocument } = (await import(/* @vite-ignore */ WORKER_APP)) as { openApiDocument: (origin: string) => unknown };
const doc = openApiDocument('http://127.0.0.1:8787') as any;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(doc, 'parley');

const escapePointer = (p: string) => p.replaceAll('~', '~0').replaceAll('/', '~1');

/** The problems of a JSON body sent to `method path` (the document's path template under /api/v1); empty when it holds. */
export function requestBodyProblems(method: 'post' | 'patch' | 'put', apiPath: string, body: unknown): string[] {
  const full = `/api/v1${apiPath}`;
  const schema = doc.paths[full]?.[method]?.requestBody?.content?.['application/json']?.schema;
  if (!schema) return [`${method.toUpperCase()} ${full}: declares no JSON body`];
  const pointer = ['paths', full, method, 'requestBody', 'content', 'application/json', 'schema'].map(escapePointer).join('/');
  const check = ajv.getSchema(`parley#/${pointer}`)!;
  return check(body) ? [] : (check.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`);
}
