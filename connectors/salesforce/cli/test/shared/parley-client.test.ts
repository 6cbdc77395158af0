import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ParleyClient } from '../../src/shared/parley-client.js';
import { parseWorkerUrl } from '../../src/shared/worker-flags.js';

const TOKEN = 'tok_secret_value_for_tests';

describe('ParleyClient', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    server = undefined;
  });

  /** A server that answers every request with this handler; its URL. */
  async function serve(handler: Parameters<typeof createServer>[1]): Promise<URL> {
    server = createServer(handler);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }

  async function failure(promise: Promise<unknown>) {
    try {
      await promise;
    } catch (error) {
      return error as Error & { name: string; data?: unknown; actions?: string[] };
    }
    throw new Error('expected the request to fail');
  }

  it('sends the token and JSON, and keeps a path prefix of the Worker URL', async () => {
    let seen: { url?: string; auth?: string; type?: string; body?: string } = {};
    const url = await serve((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen = { url: req.url, auth: req.headers.authorization, type: req.headers['content-type'], body };
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
      });
    });
    const client = new ParleyClient(new URL('/parley/', url), TOKEN);
    expect(await client.patch('/settings', { session: { customerChat: false } })).toEqual({ ok: true });
    expect(seen).toEqual({ url: '/parley/api/v1/settings', auth: `Bearer ${TOKEN}`, type: 'application/json', body: '{"session":{"customerChat":false}}' });
  });

  it("turns the Worker's error body into an error naming the request and the problem", async () => {
    const url = await serve((_req, res) =>
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":{"code":"not_found","message":"team not found"}}'),
    );
    const error = await failure(new ParleyClient(url, TOKEN).get('/teams/tem_0000000000000000/settings'));
    expect(error.name).toBe('WorkerRefusedError');
    expect(error.message).toBe('Parley refused GET /teams/tem_0000000000000000/settings: team not found (HTTP 404, not_found).');
    expect(error.data).toEqual({ status: 404, code: 'not_found', message: 'team not found' });
  });

  it('says so when the URL answers without Parley JSON', async () => {
    const url = await serve((_req, res) => res.writeHead(502, { 'Content-Type': 'text/html' }).end('<html>Bad gateway</html>'));
    const error = await failure(new ParleyClient(url, TOKEN).get('/settings'));
    expect(error.name).toBe('WorkerBadResponseError');
    expect(error.message).toBe(`GET /settings at ${url.origin} answered HTTP 502 without Parley's JSON; is this the URL of a Parley Worker?`);
  });

  it('says the Worker is unreachable, with the reason', async () => {
    const url = await serve(() => undefined);
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    const error = await failure(new ParleyClient(url, TOKEN).get('/settings'));
    expect(error.name).toBe('WorkerUnreachableError');
    expect(error.message).toBe(`Can't reach the Parley Worker at ${url.origin} (ECONNREFUSED).`);
    expect(error.actions?.[0]).toContain('PARLEY_URL');
  });

  it('gives up on a Worker that does not answer', async () => {
    const url = await serve(() => undefined);
    const error = await failure(new ParleyClient(url, TOKEN, 200).get('/settings'));
    expect(error.name).toBe('WorkerTimeoutError');
    expect(error.message).toBe(`The Parley Worker at ${url.origin} didn't answer GET /settings within 0.2 seconds.`);
  });

  it('never puts the token in an error', async () => {
    const url = await serve((_req, res) =>
      res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"error":{"code":"invalid_token","message":"the agent token is not valid"}}'),
    );
    const error = await failure(new ParleyClient(url, TOKEN).get('/settings'));
    expect(error.name).toBe('WorkerUnauthenticatedError');
    expect(JSON.stringify({ message: error.message, actions: error.actions, data: error.data, stack: error.stack })).not.toContain(TOKEN);
  });
});

describe('parseWorkerUrl', () => {
  it('takes https URLs, and http only for this machine', () => {
    expect(parseWorkerUrl('https://parley.example.com').href).toBe('https://parley.example.com/');
    expect(parseWorkerUrl(' https://parley.example.com/base/ ').pathname).toBe('/base/');
    expect(parseWorkerUrl('http://127.0.0.1:8787').port).toBe('8787');
    expect(parseWorkerUrl('http://localhost:8787').hostname).toBe('localhost');
  });

  it.each(['http://parley.example.com', 'ftp://parley.example.com', 'parley.example.com', 'https://parley.example.com/?x=1', 'https://user:pw@parley.example.com'])(
    'refuses %s',
    (input) => {
      expect(() => parseWorkerUrl(input)).toThrow(/isn't an https URL/);
    },
  );
});
