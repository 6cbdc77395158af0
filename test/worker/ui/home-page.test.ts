// `/` says where to go (the workspace, the API reference, and locally the
// outbox) instead of answering a bare 404; the outbox link only where the
// development routes exist.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../../worker/src/app';

const production = { ...env, DEV_ROUTES: undefined };
const home = async (bindings: typeof env) => {
  const res = await app.fetch(new Request('https://parley.test/'), bindings);
  return { status: res.status, type: res.headers.get('Content-Type'), csp: res.headers.get('Content-Security-Policy'), html: await res.text() };
};

describe('the home page', () => {
  it('links to the workspace, the API reference and, locally, the outbox', async () => {
    const local = await home(env);
    expect(local.status).toBe(200);
    expect(local.type).toContain('text/html');
    expect(local.csp).toContain("default-src 'none'");
    for (const href of ['/app', '/api/docs', '/api/openapi.json', '/dev/outbox']) expect(local.html).toContain(`href="${href}"`);
    for (const href of ['/app', '/api/docs', '/dev/outbox']) expect((await app.fetch(new Request(`https://parley.test${href}`), env)).status, href).not.toBe(404);
  });

  it('names no outbox where the development routes do not exist', async () => {
    const prod = await home(production);
    expect(prod.status).toBe(200);
    expect(prod.html).toContain('href="/app"');
    expect(prod.html).not.toContain('/dev/outbox');
  });
});
