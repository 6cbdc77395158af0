// The layout rules of DESIGN.md §2 that a reader cannot keep by eye: every
// D1 statement lives in worker/src/directory/, and no source file grows past
// what one job needs.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const MAX_LINES = 600;

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'lib') out.push(...(await sourceFiles(rel)));
    } else if (/\.(ts|tsx|mjs|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

describe('the source layout', () => {
  it('keeps every D1 statement (.prepare) in worker/src/directory/', async () => {
    const files = [...(await sourceFiles('worker/src')), ...(await sourceFiles('connectors'))];
    const outside: string[] = [];
    for (const file of files) {
      if (file.startsWith(`worker${path.sep}src${path.sep}directory${path.sep}`)) continue;
      const text = await readFile(path.join(ROOT, file), 'utf8');
      text.split('\n').forEach((line, i) => {
        if (/\.prepare\(/.test(line)) outside.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(files.length).toBeGreaterThan(100);
    expect(outside).toEqual([]);
  });

  it(`keeps every file of worker/src within ${MAX_LINES} lines`, async () => {
    const long: string[] = [];
    for (const file of await sourceFiles('worker/src')) {
      const lines = (await readFile(path.join(ROOT, file), 'utf8')).split('\n').length;
      if (lines > MAX_LINES) long.push(`${file}: ${lines} lines`);
    }
    expect(long).toEqual([]);
  });
});
