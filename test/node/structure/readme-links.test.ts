// README.md is read in a clone of this repository and nowhere else: it may not
// point outside it. No "../" anywhere (a link, or a path in the text), and
// every Markdown link or image that is not a web address is a file or folder
// of the repository that exists.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** The targets of [text](target) and ![alt](target), and of [label]: target definitions. */
function linkTargets(markdown: string): string[] {
  const inline = [...markdown.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  const defined = [...markdown.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$/gm)].map((m) => m[1]!);
  return [...inline, ...defined];
}

/** Where a link leads outside the repository, or null when it stays inside (or is a web address or an anchor). */
function outsideTarget(target: string, root: string): string | null {
  if (/^(https?:|mailto:)/i.test(target) || target.startsWith('#')) return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return `${target}: not a web address (${target.split(':')[0]}: leads off the repository)`;
  const file = decodeURIComponent(target.split('#')[0]!);
  if (path.isAbsolute(file)) return `${target}: an absolute path`;
  const resolved = path.resolve(root, file);
  if (resolved !== root && !resolved.startsWith(root + path.sep)) return `${target}: outside the repository`;
  if (!existsSync(resolved)) return `${target}: no such file in the repository`;
  return null;
}

describe('README.md', () => {
  it('points to nothing outside the repository', async () => {
    const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
    const parents = readme.split('\n').flatMap((line, i) => (/\.\.[/\\]/.test(line) ? [`line ${i + 1}: ${line.trim()}`] : []));
    expect(parents).toEqual([]);
    const outside = linkTargets(readme).flatMap((t) => outsideTarget(t, ROOT) ?? []);
    expect(outside).toEqual([]);
  });

  it('would catch a link out of the repository, in every form', () => {
    const sample = ['See [the spec](../shared/SPEC.md).', '![logo](/srv/logo.png)', '[gone](docs/nowhere.md)', '[ok](package.json) [web](https://example.com) [top](#parley)', '[notes]: file:///home/me/notes.md'].join('\n');
    const found = linkTargets(sample).map((t) => outsideTarget(t, ROOT));
    expect(found).toEqual([
      '../shared/SPEC.md: outside the repository',
      '/srv/logo.png: an absolute path',
      'docs/nowhere.md: no such file in the repository',
      null,
      null,
      null,
      'file:///home/me/notes.md: not a web address (file: leads off the repository)',
    ]);
  });
});
