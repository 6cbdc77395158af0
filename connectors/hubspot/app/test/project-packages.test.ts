// What `hs project upload` builds the card and the settings page from. It
// sends src/ alone (hsproject.json's srcDir; the package.json beside
// hsproject.json serves this repository's tests and never reaches HubSpot),
// and HubSpot builds each UI extension from its own directory: the card from
// src/app/cards, the settings page from src/app/settings, each with the
// package.json there. A relative import leaving that directory works on this
// machine and fails in HubSpot's build (HubSpot's lint rule no-parent-imports
// says as much), so the code both share is an npm workspace package,
// src/app/packages/shared, which src/app/package.json links for HubSpot's
// install. These checks hold the project to that, with HubSpot's own workspace
// resolution (@hubspot/project-parsing-lib/workspaces, what the upload runs).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  collectFileDependencies,
  collectWorkspaceDirectories,
  findAndParsePackageJsonFiles,
  validateWorkspaceProtocolDependencies,
} from '@hubspot/project-parsing-lib/workspaces';

const PROJECT = path.resolve(import.meta.dirname, '..');
const SRC = path.join(PROJECT, 'src');
const APP = path.join(SRC, 'app');
const SHARED = path.join(APP, 'packages/shared');
const EXTENSIONS = ['cards', 'settings'] as const;

interface PackageJson {
  name: string;
  version: string;
  workspaces?: string[];
  exports?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}
const packageJson = (dir: string): PackageJson => JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
const shared = packageJson(SHARED);
/** The versions this repository's tests render the card and the settings page with. */
const tested = packageJson(PROJECT).dependencies!;

interface Import {
  file: string;
  source: string;
  /** `import type …`: erased when bundled, so nothing is fetched at build or run time. */
  typeOnly: boolean;
}

/** Every import and re-export in the .ts/.tsx files of `dir` (not below it: the packages hold no subdirectories). */
function importsIn(dir: string): Import[] {
  return readdirSync(dir)
    .filter((file) => /\.tsx?$/.test(file))
    .flatMap((file) =>
      [...readFileSync(path.join(dir, file), 'utf8').matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?\bfrom\s+'([^']+)'/gms)].map((m) => ({
        file: path.join(dir, file),
        source: m[2]!,
        typeOnly: Boolean(m[1]),
      })),
    );
}

/** A relative import that lands outside `root`: it would not be in the build HubSpot makes of `root`. */
function leaves(root: string, { file, source }: Import): boolean {
  if (!source.startsWith('.')) return false;
  const relative = path.relative(root, path.resolve(path.dirname(file), source));
  return relative.startsWith('..') || path.isAbsolute(relative);
}

/** The npm package an import names ('@scope/name/sub' → '@scope/name'). */
const packageOf = (source: string) => source.split('/').slice(0, source.startsWith('@') ? 2 : 1).join('/');

describe('each UI extension is built from its own directory', () => {
  for (const extension of EXTENSIONS) {
    const dir = path.join(APP, extension);

    it(`${extension}/package.json pins the UI extensions SDK and React the tests run on, and the shared package`, () => {
      const { dependencies } = packageJson(dir);
      expect(dependencies).toEqual({
        '@hubspot/ui-extensions': tested['@hubspot/ui-extensions'],
        react: tested.react,
        [shared.name]: shared.version,
      });
      expect(tested['@hubspot/ui-extensions']).toMatch(/^\d+\.\d+\.\d+$/);
      expect(tested.react).toMatch(/^\d+\.\d+\.\d+$/);
    });

    it(`nothing in ${extension}/ imports a file outside it`, () => {
      expect(importsIn(dir).filter((i) => leaves(dir, i)).map((i) => `${path.relative(APP, i.file)}: ${i.source}`)).toEqual([]);
    });

    it(`${extension}/ imports only packages its package.json declares, and of the shared package only what it exports`, () => {
      const declared = Object.keys(packageJson(dir).dependencies ?? {});
      const bare = importsIn(dir).filter((i) => !i.source.startsWith('.'));
      expect(bare.filter((i) => !declared.includes(packageOf(i.source))).map((i) => i.source)).toEqual([]);
      const exported = Object.keys(shared.exports!).map((name) => `${shared.name}${name.slice(1)}`);
      expect(bare.filter((i) => packageOf(i.source) === shared.name && !exported.includes(i.source)).map((i) => i.source)).toEqual([]);
    });
  }

  it('the check catches an import that leaves the directory, as the old ../shared/ imports did', () => {
    const card = path.join(APP, 'cards/ParleyCard.tsx');
    expect(leaves(path.join(APP, 'cards'), { file: card, source: '../shared/parley-api', typeOnly: false })).toBe(true);
    expect(leaves(path.join(APP, 'cards'), { file: card, source: './SessionList', typeOnly: false })).toBe(false);
  });
});

describe('the shared package', () => {
  it('exports each of its files, under the name the card and the settings page import', () => {
    const files = readdirSync(SHARED).filter((file) => /\.tsx?$/.test(file));
    expect(Object.values(shared.exports!).map((file) => path.normalize(file)).sort()).toEqual(files.sort());
    expect(Object.entries(shared.exports!).filter(([name, file]) => `./${path.parse(file).name}` !== name)).toEqual([]);
  });

  it('ships nothing from outside itself: its only way out is a type-only import, which bundling erases', () => {
    expect(importsIn(SHARED).filter((i) => leaves(SHARED, i) && !i.typeOnly).map((i) => `${path.basename(i.file)}: ${i.source}`)).toEqual([]);
  });

  it('leaves React and the UI extensions SDK to the extension, so one copy of each is bundled', () => {
    expect(shared.dependencies ?? {}).toEqual({});
    expect(shared.peerDependencies).toEqual({ '@hubspot/ui-extensions': tested['@hubspot/ui-extensions'], react: tested.react });
    const values = importsIn(SHARED).filter((i) => !i.typeOnly && !i.source.startsWith('.'));
    expect([...new Set(values.map((i) => packageOf(i.source)))].sort()).toEqual(['@hubspot/ui-extensions']);
  });
});

describe("HubSpot's upload", () => {
  it('finds the workspace linking the card, the settings page and the shared package, all inside src/', async () => {
    const parsed = await findAndParsePackageJsonFiles(SRC);
    expect(parsed.map((p) => path.relative(SRC, p.path)).sort()).toEqual(['app/cards/package.json', 'app/package.json', 'app/packages/shared/package.json', 'app/settings/package.json']);
    const workspaces = await collectWorkspaceDirectories(parsed);
    expect(workspaces.map((w) => [path.relative(SRC, w.sourcePackageJsonPath), path.relative(SRC, w.workspaceDir)]).sort()).toEqual([
      ['app/package.json', 'app/cards'],
      ['app/package.json', 'app/packages/shared'],
      ['app/package.json', 'app/settings'],
    ]);
    // Nothing outside src/ has to be copied in (`_workspaces/`), and no file: dependency either.
    expect(await collectFileDependencies(parsed)).toEqual([]);
    expect(() => validateWorkspaceProtocolDependencies(parsed, workspaces)).not.toThrow();
  });

  it("and every extension's dependency on the shared package is met by that workspace, not the npm registry", () => {
    const workspace = packageJson(APP);
    expect(workspace.workspaces).toEqual(['cards', 'settings', 'packages/*']);
    for (const extension of EXTENSIONS) expect(packageJson(path.join(APP, extension)).dependencies![shared.name]).toBe(shared.version);
  });
});
