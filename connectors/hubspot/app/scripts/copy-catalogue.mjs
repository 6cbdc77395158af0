// Copies Parley's vocabulary (worker/src/domain/catalogue.ts: statuses, labels,
// setting bounds and help) into the HubSpot project, whose card and settings
// page show the same words and ranges as Parley's own pages and Salesforce's;
// and the languages Parley speaks (worker/src/i18n/locales.ts), by which the
// card reads a contact's HubSpot language ("es-mx" → "es").
// HubSpot builds the project from src/ alone, so the file is copied rather
// than imported; test/catalogue-copy.test.ts fails while the copy is out of
// date. Run: npm run emit:catalogue --workspace connectors/hubspot/app
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const APP = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SOURCE = path.resolve(APP, '../../../worker/src/domain/catalogue.ts');
export const COPY = path.join(APP, 'src/app/packages/shared/catalogue.ts');

const HEADER = [
  '// Copied by connectors/hubspot/app/scripts/copy-catalogue.mjs from worker/src/domain/catalogue.ts. Do not edit:',
  '// change the catalogue, then run `npm run emit:catalogue --workspace connectors/hubspot/app` (a test fails while this copy is out of date).',
  '',
].join('\n');

/** The copy's text: the catalogue as it is, under a header that says where it comes from. */
export async function catalogueCopy() {
  return HEADER + (await readFile(SOURCE, 'utf8'));
}

export const LOCALES_SOURCE = path.resolve(APP, '../../../worker/src/i18n/locales.ts');
export const LOCALES_COPY = path.join(APP, 'src/app/packages/shared/locales.ts');

/** The languages' copy, under the same kind of header. */
export async function localesCopy() {
  return HEADER.replace('worker/src/domain/catalogue.ts', 'worker/src/i18n/locales.ts').replace('change the catalogue', 'change the languages') + (await readFile(LOCALES_SOURCE, 'utf8'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await writeFile(COPY, await catalogueCopy());
  await writeFile(LOCALES_COPY, await localesCopy());
  console.log(`wrote ${path.relative(process.cwd(), COPY)} and ${path.relative(process.cwd(), LOCALES_COPY)}`);
}
