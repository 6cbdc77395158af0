// Every refusal the room can give a customer has words in every language:
// this reads the code of every fail(…) and ApiError(…) in the modules the
// room API and the room pages reach, and checks the catalogue has an
// entry.error.<code> for each (ui/client/room/errors.ts shows it, and the
// code page shows it instead of the server's English message). A new code
// without a text fails here, before a customer reads English or a raw code.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCESS_REASONS } from '../../../worker/src/domain/access';
import { AREAS } from '../../../worker/src/i18n/catalogue';
import { LOCALES } from '../../../worker/src/i18n/locales';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** What answers a customer: the room's modules, the room API and what it calls for uploads, limits and errors. */
const DIRS = ['worker/src/room'];
const FILES = [
  'worker/src/api/room.ts',
  'worker/src/api/room-caller.ts',
  'worker/src/api/room-contacts.ts',
  'worker/src/api/room-documents.ts',
  'worker/src/api/room-document-requests.ts',
  'worker/src/api/room-payments.ts',
  'worker/src/api/room-reviews.ts',
  'worker/src/api/review-routes.ts',
  'worker/src/payments/intents.ts',
  'worker/src/api/room-language.ts',
  'worker/src/api/uploads.ts',
  'worker/src/api/body-limits.ts',
  'worker/src/api/rate-limit.ts',
  'worker/src/api/openapi.ts',
  'worker/src/errors.ts',
  'worker/src/app.tsx',
  'worker/src/documents/inspect-pdf.ts',
  'worker/src/documents/pdf-guard.ts',
];

async function sources(): Promise<string[]> {
  const files = [...FILES];
  for (const dir of DIRS) for (const f of await readdir(path.join(ROOT, dir))) if (/\.tsx?$/.test(f)) files.push(path.join(dir, f));
  return Promise.all(files.map((f) => readFile(path.join(ROOT, f), 'utf8')));
}

/** The codes in `fail(422, 'code', …)`, `new ApiError(409, cond ? 'a' : 'b', …)` and `{ code: 'x' }` answers. */
export function errorCodesIn(source: string): string[] {
  const codes = new Set<string>();
  for (const m of source.matchAll(/(?:fail|ApiError)\(\s*\d{3},\s*([^,]+),/g)) for (const c of m[1]!.matchAll(/'([a-z][a-z_]*)'/g)) codes.add(c[1]!);
  for (const m of source.matchAll(/\bcode: '([a-z][a-z_]*)'/g)) codes.add(m[1]!);
  return [...codes];
}

describe('error texts', () => {
  it('reads codes the way the sources write them', () => {
    expect(errorCodesIn("return fail(422, r.required === 1 ? 'role_required' : 'role_unanswered', `…`);").sort()).toEqual(['role_required', 'role_unanswered']);
    expect(errorCodesIn("throw new ApiError(403, 'missing_room_header', 'x');")).toEqual(['missing_room_header']);
  });

  it('every code the room can answer a customer with has its text, in every language', async () => {
    const codes = new Set((await sources()).flatMap(errorCodesIn));
    // The room refuses a closed room with access_<reason> (room/access.ts).
    for (const reason of ACCESS_REASONS) if (reason !== 'open' && !reason.startsWith('after_end')) codes.add(`access_${reason}`);
    expect(codes.size).toBeGreaterThan(50);
    for (const locale of LOCALES) {
      const texts = AREAS.entry[locale] as Record<string, string>;
      const missing = [...codes].filter((code) => !(`entry.error.${code}` in texts));
      expect(missing, locale).toEqual([]);
    }
  });

  it('a script has words when no answer came, or an unknown code', () => {
    for (const locale of LOCALES) {
      expect(AREAS.entry[locale]['entry.error.network']).toBeTruthy();
      expect(AREAS.entry[locale]['entry.error.unknown']).toBeTruthy();
    }
  });
});
