// The OpenAPI document is one an integrator's tools accept: Redocly's
// recommended rules find nothing to say, every success names the shape of
// what it answers, and a client generated from it (openapi-typescript types
// for openapi-fetch) compiles; test/worker/contract/generated-client.test.ts
// runs that client against the Worker.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../worker/src/app';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../..');
const doc = openApiDocument('http://127.0.0.1:8787') as any;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'parley-openapi-'));
  await writeFile(path.join(dir, 'openapi.json'), JSON.stringify(doc, null, 2));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the OpenAPI document', () => {
  it('passes `redocly lint` with the recommended rules: no error, no warning', async () => {
    const cli = path.join(ROOT, 'node_modules/@redocly/cli/bin/cli.js');
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', CI: 'true' };
    const { stdout } = await run(process.execPath, [cli, 'lint', path.join(dir, 'openapi.json'), '--extends=recommended', '--format=json'], { env, maxBuffer: 64 * 1024 * 1024 }).catch((err) => err);
    const report = JSON.parse(stdout);
    const problems = (report.problems ?? []).map((p: any) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location?.[0]?.pointer}`);
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('names the server, and gives every operation an id and a success', () => {
    expect(doc.servers).toEqual([{ url: 'http://127.0.0.1:8787', description: 'this Parley' }]);
    for (const [route, item] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        expect(op.operationId, `${method} ${route}`).toMatch(/^[a-z][A-Za-z]+$/);
        expect(Object.keys(op.responses).some((s) => /^2\d\d$/.test(s) || s === '101'), `${method} ${route}`).toBe(true);
      }
    }
  });

  it('describes every JSON success with a schema that has properties, not a bare object', () => {
    const resolve = (s: any): any => (s?.$ref ? resolve(doc.components.schemas[s.$ref.split('/').pop()]) : s);
    // A union is each of its branches; an extension (allOf) is the properties of all its parts.
    const shapes = (s: any): any[] => {
      const r = resolve(s);
      if (r.anyOf ?? r.oneOf) return [...(r.anyOf ?? r.oneOf)].flatMap(shapes);
      if (r.allOf) return [{ properties: Object.assign({}, ...r.allOf.flatMap(shapes).map((part: any) => part.properties ?? {})) }];
      return [r];
    };
    const bare: string[] = [];
    let checked = 0;
    for (const [route, item] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        for (const [status, answer] of Object.entries<any>(op.responses)) {
          const schema = answer.content?.['application/json']?.schema;
          if (!/^2\d\d$/.test(status) || !schema) continue;
          checked++;
          for (const shape of shapes(schema)) if (!shape.properties || Object.keys(shape.properties).length === 0) bare.push(`${method} ${route} ${status}`);
        }
      }
    }
    expect(bare).toEqual([]);
    expect(checked).toBeGreaterThan(60);
  });

  it('generates a typed client (openapi-typescript) that openapi-fetch code compiles against', async () => {
    const types = path.join(dir, 'parley-openapi.d.ts');
    await writeFile(types, astToString(await openapiTS(doc)));
    const tsconfig = {
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        lib: ['ES2022', 'DOM'],
        types: [],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        baseUrl: ROOT,
        paths: { 'parley-openapi': [types] },
      },
      files: [path.join(ROOT, 'test/support/generated-client.ts')],
    };
    await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', path.join(dir, 'tsconfig.json')]).then(() => 'compiled', (err) => `${err.stdout}${err.stderr}`);
    expect(result).toBe('compiled');
  });
});
