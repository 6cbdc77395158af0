// Salesforce reads Parley's vocabulary from a generated LWC module; it must
// say what the catalogue says now (else: npm run emit:catalogue).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { CATALOGUE_DIR, CATALOGUE_META, catalogueModule } from '../../../scripts/emit-catalogue.mjs';
import * as catalogue from '../../../worker/src/domain/catalogue';

it('force-app/…/lwc/parleyCatalogue is the catalogue as it is now', async () => {
  const stale = 'force-app/main/default/lwc/parleyCatalogue is out of date: run `npm run emit:catalogue`';
  expect(await readFile(path.join(CATALOGUE_DIR, 'parleyCatalogue.js'), 'utf8'), stale).toBe(catalogueModule());
  expect(await readFile(path.join(CATALOGUE_DIR, 'parleyCatalogue.js-meta.xml'), 'utf8'), stale).toBe(CATALOGUE_META);
});

it('carries every list, label and bound of the catalogue (its functions stay in each client)', () => {
  const module = catalogueModule();
  for (const [name, value] of Object.entries(catalogue)) {
    if (typeof value === 'function') continue;
    expect(module, name).toMatch(new RegExp(`export const ${name} = (deepFreeze\\(|\\d)`));
  }
  expect(module).toContain('"awaiting_agent": "Waiting for you"');
});
