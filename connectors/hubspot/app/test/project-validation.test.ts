// The project passes HubSpot's own parser (@hubspot/project-parsing-lib, what
// `hs project validate` and `hs project upload` run first) with no account:
// hsproject.json, every *-hsmeta.json found where HubSpot looks for it, uids,
// one app with its card, settings page and webhooks. The parser then fetches
// the components' schemas from HubSpot; offline, support/component-schemas.ts
// answers in their place. A broken copy of the project must fail.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseProjectConfig } from '@hubspot/project-parsing-lib/projects';
import { isTranslationError, translate } from '@hubspot/project-parsing-lib/translate';
import { COMPONENT_SCHEMAS } from './support/component-schemas';

const schemaRequests = vi.hoisted(() => [] as string[]);
vi.mock('@hubspot/local-dev-lib/http', async () => {
  const { COMPONENT_SCHEMAS: schemas } = await import('./support/component-schemas');
  return {
    http: {
      get: async (_accountId: number, { url }: { url: string }) => {
        schemaRequests.push(url);
        return { data: schemas };
      },
    },
  };
});

const APP = path.resolve(import.meta.dirname, '..');

/** The parser's verdict on a project: its components, or its errors as HubSpot's CLI would print them. */
async function parse(projectDir: string) {
  const config = parseProjectConfig(projectDir);
  try {
    const { intermediateRepresentation, skippedHsMetaFiles } = await translate({ projectSourceDir: path.join(projectDir, config.srcDir), platformVersion: config.platformVersion, accountId: 1 });
    return { components: intermediateRepresentation.intermediateNodesIndexedByUid, skipped: skippedHsMetaFiles, errors: null };
  } catch (error) {
    if (isTranslationError(error)) return { components: null, skipped: [], errors: error.toString() };
    throw error;
  }
}

describe("HubSpot's parser", () => {
  it('accepts the project: an app on platform 2026.03 with its card, settings page and webhooks', async () => {
    const config = parseProjectConfig(APP);
    expect(config).toEqual({ name: 'parley', srcDir: 'src', platformVersion: '2026.03' });
    const { components, skipped, errors } = await parse(APP);
    expect(errors).toBeNull();
    expect(skipped).toEqual([]);
    const types = Object.fromEntries(Object.entries(components!).map(([uid, node]) => [uid, node.componentType]));
    expect(types).toEqual({ parley_app: 'APPLICATION', parley_card: 'CARD', parley_settings: 'SETTINGS', parley_webhooks: 'WEBHOOKS' });
    // Every feature hangs off the one app.
    for (const uid of ['parley_card', 'parley_settings', 'parley_webhooks']) expect(components![uid]!.componentDeps.app).toBe('parley_app');
    expect(schemaRequests.at(-1)).toBe('project-components-external/project-schemas/v3/2026.03');
  });

  describe('refuses a broken copy', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'parley-hubspot-project-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    /** A copy of the project with one file changed. */
    async function copyWith(name: string, file: string, change: (text: string) => string) {
      const copy = path.join(dir, name);
      await cp(path.join(APP, 'hsproject.json'), path.join(copy, 'hsproject.json'));
      // Without an install `hs project install-deps` may have left in src/app (the upload leaves it out too).
      await cp(path.join(APP, 'src'), path.join(copy, 'src'), { recursive: true, filter: (from) => path.basename(from) !== 'node_modules' });
      const target = path.join(copy, file);
      await writeFile(target, change(await readFile(target, 'utf8')));
      return copy;
    }

    it('a card whose hsmeta is not JSON', async () => {
      const copy = await copyWith('not-json', 'src/app/cards/parley-card-hsmeta.json', (text) => text.replace('"type": "card",', '"type": "card"'));
      const { errors } = await parse(copy);
      expect(errors).toMatch(/parley-card-hsmeta\.json:\s+- Invalid JSON/);
    });

    it('a card in a place HubSpot does not support', async () => {
      const copy = await copyWith('bad-location', 'src/app/cards/parley-card-hsmeta.json', (text) => text.replace('crm.record.tab', 'crm.record.footer'));
      const { errors } = await parse(copy);
      expect(errors).toMatch(/parley-card-hsmeta\.json:\s+- config\.location: must be equal to one of the allowed values/);
    });

    it('a second settings page', async () => {
      const copy = await copyWith('two-settings', 'src/app/settings/settings-hsmeta.json', (text) => text);
      await writeFile(path.join(copy, 'src/app/settings/more-settings-hsmeta.json'), JSON.stringify({ uid: 'more_settings', type: 'settings', config: { entrypoint: '/app/settings/Settings.tsx' } }));
      const { errors } = await parse(copy);
      expect(errors).toMatch(/more-settings-hsmeta\.json:\s+- Only one settings component is allowed/);
    });

    it('a uid HubSpot does not allow', async () => {
      const copy = await copyWith('bad-uid', 'src/app/webhooks/webhooks-hsmeta.json', (text) => text.replace('"parley_webhooks"', '"parley webhooks!"'));
      const { errors } = await parse(copy);
      expect(errors).toMatch(/webhooks-hsmeta\.json:\s+- 'uid' should use only letters/);
    });

    it('an unknown platform version', async () => {
      const copy = await copyWith('bad-version', 'hsproject.json', (text) => text.replace('2026.03', '2026.04'));
      await expect(parse(copy)).rejects.toThrow(/2026\.04/);
    });
  });

  it('uses stand-in schemas for exactly the components the project has', () => {
    expect(Object.keys(COMPONENT_SCHEMAS).sort()).toEqual(['APPLICATION', 'CARD', 'SETTINGS', 'WEBHOOKS']);
  });
});
