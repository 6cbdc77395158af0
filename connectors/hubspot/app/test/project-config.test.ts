// What HubSpot's parser cannot know about this project: that the card, the
// settings page and HubSpot's calls all point at the same Parley (the origin
// an admin replaces before uploading: src/app/packages/shared/parley-origin.ts,
// app-hsmeta.json, webhooks-hsmeta.json), that the entry points exist and
// register themselves with HubSpot, and that the app asks for the scopes
// Parley's write-back needs and no others.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARLEY_ORIGIN } from '@parley/hubspot-shared/parley-origin';

const SRC = path.resolve(import.meta.dirname, '../src');
const meta = (file: string) => JSON.parse(readFileSync(path.join(SRC, 'app', file), 'utf8'));
const app = meta('app-hsmeta.json').config;

describe('the project points at one Parley', () => {
  it('the card calls, frames and receives HubSpot at the origin the app permits', () => {
    expect(PARLEY_ORIGIN).toMatch(/^https:\/\/[^/]+$/);
    expect(app.permittedUrls.fetch).toEqual([PARLEY_ORIGIN]);
    expect(app.permittedUrls.iframe).toEqual([PARLEY_ORIGIN]);
    expect(app.auth.redirectUrls).toEqual([`${PARLEY_ORIGIN}/hooks/hubspot/oauth`]);
    expect(meta('webhooks/webhooks-hsmeta.json').config.settings.targetUrl).toBe(`${PARLEY_ORIGIN}/hooks/hubspot/webhooks`);
  });

  it('no other origin is written anywhere in the card or the settings page', () => {
    const sources = ['cards', 'settings', 'packages/shared'].flatMap((dir) =>
      readdirSync(path.join(SRC, 'app', dir))
        .filter((file) => /\.tsx?$/.test(file))
        .map((file) => [file, readFileSync(path.join(SRC, 'app', dir, file), 'utf8')] as const),
    );
    const elsewhere = sources.flatMap(([file, text]) => [...text.matchAll(/https?:\/\/[A-Za-z0-9.-]+/g)].map((m) => `${file}: ${m[0]}`)).filter((hit) => !hit.endsWith(PARLEY_ORIGIN));
    expect(elsewhere).toEqual([]);
  });
});

describe('the entry points', () => {
  for (const [file, location] of [
    ['cards/parley-card-hsmeta.json', 'crm.record.tab'],
    ['settings/settings-hsmeta.json', 'settings'],
  ] as const) {
    it(`${file} names a file that exists and registers itself for ${location}`, () => {
      const entry = path.join(SRC, meta(file).config.entrypoint);
      expect(existsSync(entry)).toBe(true);
      expect(readFileSync(entry, 'utf8')).toContain(`hubspot.extend<'${location}'>(`);
    });
  }

  it('the card sits on the four record types Parley links sessions to', () => {
    expect(meta('cards/parley-card-hsmeta.json').config).toMatchObject({ location: 'crm.record.tab', objectTypes: ['contacts', 'companies', 'deals', 'tickets'] });
  });
});

describe('the scopes', () => {
  it("are what write-back needs: the four record types, their properties, notes' files, and OAuth itself", () => {
    expect(app.distribution).toBe('marketplace');
    expect(app.auth.type).toBe('oauth');
    expect([...app.auth.requiredScopes].sort()).toEqual(
      [
        'oauth',
        'crm.objects.contacts.read',
        'crm.objects.contacts.write',
        'crm.objects.companies.read',
        'crm.objects.companies.write',
        'crm.objects.deals.read',
        'crm.objects.deals.write',
        'tickets',
        'crm.schemas.contacts.write',
        'crm.schemas.companies.write',
        'crm.schemas.deals.write',
        'files',
      ].sort(),
    );
    expect(app.auth.optionalScopes).toEqual([]);
  });
});

describe('the webhooks', () => {
  it('tell Parley of a deleted contact and of a privacy deletion request', () => {
    const { subscriptions } = meta('webhooks/webhooks-hsmeta.json').config;
    expect(subscriptions.legacyCrmObjects).toEqual([{ subscriptionType: 'contact.deletion', active: true }]);
    expect(subscriptions.hubEvents).toEqual([{ subscriptionType: 'contact.privacyDeletion', active: true }]);
  });
});
