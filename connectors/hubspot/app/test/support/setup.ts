// Every test file: hubspot.fetch goes to the fake Parley (support/fake-parley.ts),
// emptied before each test, and hubspot.extend registers nothing (the tests
// render the card and the settings page themselves, with HubSpot's test
// renderer). The rest of @hubspot/ui-extensions is HubSpot's own.
import { beforeEach, vi } from 'vitest';
import { parley } from './fake-parley';

vi.mock('@hubspot/ui-extensions', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@hubspot/ui-extensions')>();
  const { parley: fake } = await import('./fake-parley');
  return { ...actual, hubspot: { ...actual.hubspot, extend: () => undefined, fetch: (url: string | URL, options?: { method?: string; body?: unknown }) => fake.fetch(url, options) } };
});

beforeEach(() => parley.reset());
