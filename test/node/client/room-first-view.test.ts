// What a customer's phone loads first: the room page's script and the
// stylesheet, both bundled by the build. The budget (DESIGN.md §6) is 60 KB
// gzip for the first view, HTML included (the bench measures it served);
// here the bundled files alone must leave room for the page, and carry
// nothing of the Worker's libraries (the contract's types are erased).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildClient } from '../../../scripts/build-client.mjs';

let out: string;
beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'parley-client-'));
  await buildClient({ quiet: true, out });
});
afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

it("bundles the room's script and stylesheet well inside the first view's 60 KB", async () => {
  const script = await readFile(path.join(out, 'assets/room.js'));
  const styles = await readFile(path.join(out, 'assets/parley.css'));
  const gzip = gzipSync(script).length + gzipSync(styles).length;
  expect(gzip).toBeLessThan(50 * 1024);
  const text = script.toString('utf8');
  expect(text).toContain('/room/api/ws');
  // No validation library, no PDF library: those belong to the Worker and the document page.
  expect(text).not.toMatch(/ZodError|pdfjs|PDFDocument/);
});
