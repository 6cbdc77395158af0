// The answers the card and settings page are tested on must be answers the
// Worker gives: each recorded file (fixtures/*.json) is held to the schema its
// route declares in Parley's OpenAPI document (an error to the one error
// shape), so a change of the contract fails here until the files, and the
// code tested on them, follow it. The same check as the Salesforce
// components' recorded data (test/node/contract/recorded-answers.test.ts).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { FIXTURES, RECORDED, recorded, type Answer, type RecordedName } from './support/recorded';

// The Worker's app, loaded at run time: it is type-checked with the Worker's
// own settings (the root tsconfig.json, with workerd's types), not this package's.
const WORKER_APP = path.resolve(import.meta.dirname, '../../../../worker/src/app.tsx');
const { openApiDocument } = (await import(/* @vite-ignore */ WORKER_APP)) as { openApiDocument: (origin: string) => unknown };
const doc = openApiDocument('http://127.0.0.1:8787') as any;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(doc, 'parley');

const escapePointer = (p: string) => p.replaceAll('~', '~0').replaceAll('/', '~1');

/** The problems of one answer against what its route declares; empty when it holds. */
function validate(answer: Answer, body: unknown): string[] {
  const what = `${answer.method.toUpperCase()} ${answer.path} ${answer.status}`;
  const op = doc.paths[answer.path]?.[answer.method];
  if (!op) return [`${what}: no such route in Parley's OpenAPI document`];
  const declared = op.responses[answer.status]?.content?.['application/json']?.schema;
  let pointer: string;
  if (declared) pointer = ['paths', answer.path, answer.method, 'responses', answer.status, 'content', 'application/json', 'schema'].map(escapePointer).join('/');
  else if (Number(answer.status) >= 400) pointer = 'components/schemas/Error';
  else return [`${what}: the route declares no such success`];
  const check = ajv.getSchema(`parley#/${pointer}`)!;
  if (check(body)) return [];
  return (check.errors ?? []).map((e) => `${what}: ${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`);
}

describe("the card's and settings page's recorded Parley answers", () => {
  it('each file says which answer it records', () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).map((f) => path.basename(f, '.json'));
    expect(files.filter((name) => !(name in RECORDED))).toEqual([]);
    expect(Object.keys(RECORDED).filter((name) => !files.includes(name))).toEqual([]);
  });

  it('each matches what the Worker declares for it', () => {
    const problems = (Object.keys(RECORDED) as RecordedName[]).flatMap((name) => validate(RECORDED[name], recorded(name)).map((p) => `${name}.json: ${p}`));
    expect(problems).toEqual([]);
  });

  it('the check refuses an answer that drifted', () => {
    const session = recorded('getSessionActive');
    expect(validate(RECORDED.getSessionActive, session)).toEqual([]);
    delete session.items[0].status;
    expect(validate(RECORDED.getSessionActive, session)).not.toEqual([]);
    expect(validate(RECORDED.rateLimited, { error: { message: 'no code' } })).not.toEqual([]);
    expect(validate({ method: 'get', path: '/api/v1/nowhere', status: '200' }, {})).not.toEqual([]);
  });
});
