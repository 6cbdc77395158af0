// Every text a customer reads comes from the message catalogues: this scans
// the customer's pages and scripts for words written straight into them (a
// JSX text, an aria-label, a placeholder, a textContent or an element's
// text), which would reach a Hebrew or German reader in English. A string
// that is not words for people (a class name, an id, a path) has no spaces
// and no capitals, or sits in an attribute this does not read.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** The customer's pages (server) and scripts (browser). The agent's workspace is English on purpose. */
const CUSTOMER_PAGES = [
  'worker/src/ui/room-page.tsx',
  'worker/src/ui/room-pages.tsx',
  'worker/src/ui/room-document-page.tsx',
  'worker/src/ui/join-page.tsx',
  'worker/src/ui/otp-page.tsx',
  'worker/src/ui/unsubscribe-page.tsx',
  'worker/src/ui/language-menu.tsx',
  'worker/src/ui/room-signers.tsx',
  'worker/src/ui/layout.tsx',
  'worker/src/ui/language-routes.tsx',
  'worker/src/ui/room-model.ts',
  'worker/src/ui/customer-status.ts',
  'worker/src/ui/chat-bubbles.ts',
  'worker/src/ui/signer-status.ts',
  'worker/src/ui/approval-words.ts',
];
const CUSTOMER_DIRS = ['worker/src/ui/room', 'worker/src/ui/client/room'];
const CUSTOMER_SCRIPTS = ['worker/src/ui/client/room.ts', 'worker/src/ui/client/room-document.ts'];

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(ROOT, dir), { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(rel)));
    else if (/\.tsx?$/.test(e.name)) out.push(rel);
  }
  return out;
}

/** Words for people: two letters or more, and a space or a capital (not an id, a class or a path). */
const looksLikeWords = (s: string) => /\p{L}{2,}/u.test(s) && (/\p{L}\s+\p{L}/u.test(s) || /^\p{Lu}\p{Ll}/u.test(s.trim())) && !/^[\w./#:-]+$/.test(s.trim()) === true;

/** Written-in texts of one file, as "line: text". */
export function writtenInTexts(source: string): string[] {
  const found: string[] = [];
  // Comments say why; they are not shown.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const lines = code.split('\n');
  const patterns = [
    // JSX text between tags: >Some words<
    />\s*([^<>{}\n]*\p{L}[^<>{}\n]*?)\s*</gu,
    // Attributes people read.
    /\b(?:aria-label|placeholder|title|alt|label|message|detail)=["']([^"']+)["']/g,
    // Browser scripts: textContent / placeholder / title / aria-label set to a literal.
    /\.(?:textContent|placeholder|title|innerText|alt)\s*=\s*(['"`])((?:(?!\1).)+)\1/g,
    /setAttribute\(\s*['"](?:aria-label|placeholder|title|alt)['"]\s*,\s*(['"`])((?:(?!\1).)+)\1/g,
    // A fallback or a thrown message: x ?? 'Could not send.', new Error('Choose a file first.')
    /(?:\?\?|\|\|)\s*(['"`])((?:(?!\1).)+)\1/g,
    /new Error\(\s*(['"`])((?:(?!\1).)+)\1/g,
    // el('tag', {...}, 'Some words') and button('Words')
    /\b(?:el|button|labelFor)\([^()]*?,\s*(['"`])((?:(?!\1).)+)\1\s*\)/g,
  ];
  lines.forEach((line, i) => {
    for (const re of patterns) {
      for (const m of line.matchAll(re)) {
        const text = (m[2] ?? m[1] ?? '').trim();
        if (text && looksLikeWords(text) && !/\$\{\s*t[.(]/.test(text)) found.push(`${i + 1}: ${text}`);
      }
    }
  });
  return found;
}

describe("customer texts come from the catalogues", () => {
  it('the scan finds a written-in text (it can fail)', () => {
    expect(writtenInTexts('const x = <p>Welcome back</p>;')).toEqual(['1: Welcome back']);
    expect(writtenInTexts("note.textContent = 'Could not send.';")).toEqual(['1: Could not send.']);
    expect(writtenInTexts("<input placeholder=\"Write a message\" />")).toEqual(['1: Write a message']);
    expect(writtenInTexts("x.textContent = err ?? 'Could not send.';")).toEqual(['1: Could not send.']);
    expect(writtenInTexts("<NoticePage title={t('a')} message=\"Open this room from the link\" />")).toEqual(['1: Open this room from the link']);
    expect(writtenInTexts("<p>{t('room.welcome')}</p> <span class=\"status done\" />")).toEqual([]);
  });

  it('no customer page or script writes words in itself', async () => {
    const files = [...CUSTOMER_PAGES, ...CUSTOMER_SCRIPTS, ...(await Promise.all(CUSTOMER_DIRS.map(filesUnder))).flat()];
    const offenders: string[] = [];
    for (const file of files) {
      const source = await readFile(path.join(ROOT, file), 'utf8').catch(() => null);
      if (source === null) continue; // a page not written yet (or moved): the list names where customer texts live
      offenders.push(...writtenInTexts(source).map((t) => `${file}:${t}`));
    }
    expect(offenders).toEqual([]);
  });
});
