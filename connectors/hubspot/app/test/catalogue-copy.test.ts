// The card and settings page show Parley's own words and ranges: their copy
// of the catalogue (src/app/packages/shared/catalogue.ts, made by
// scripts/copy-catalogue.mjs) is the Worker's, to the byte. Run
// `npm run emit:catalogue --workspace connectors/hubspot/app` after changing it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error the copy script is plain JavaScript, without types
import { catalogueCopy, COPY, LOCALES_COPY, localesCopy } from '../scripts/copy-catalogue.mjs';

describe("the HubSpot project's catalogue", () => {
  it("is the Worker's catalogue as it is now", async () => {
    expect(readFileSync(COPY, 'utf8')).toBe(await catalogueCopy());
  });

  it("has the Worker's languages as they are now", async () => {
    expect(readFileSync(LOCALES_COPY, 'utf8')).toBe(await localesCopy());
  });
});
