// Where the bench says a cold start's time goes (bench/startup.mjs): a V8
// startup profile of the bundle, put by npm package or source folder through
// the bundle's source map.
import { SourceMapGenerator } from 'source-map-js';
import { expect, it } from 'vitest';
import { sourceGroup, startupBySource } from '../../../bench/startup.mjs';

it('groups a source by its npm package, or by its first folder under worker/src or connectors', () => {
  expect(sourceGroup('../node_modules/zod/v4/core/schemas.js')).toBe('npm:zod');
  expect(sourceGroup('../node_modules/@hono/zod-openapi/dist/index.mjs')).toBe('npm:@hono/zod-openapi');
  expect(sourceGroup('../worker/src/contract/session.ts')).toBe('worker/src/contract');
  expect(sourceGroup('../worker/src/app.tsx')).toBe('worker/src/app');
  expect(sourceGroup('../connectors/hubspot/writeback/writer.ts')).toBe('connectors/hubspot');
  expect(sourceGroup(null)).toBe('(bundle code without a source)');
});

it("puts each sample at its module: a lazily evaluated module's initialiser, else its own frame through the map, the bundle's top level by the lines it ran", () => {
  // A three-line bundle: zod, then a contract file, then the app.
  const map = new SourceMapGenerator({ file: 'index.js' });
  ['../node_modules/zod/v4/core/schemas.js', '../worker/src/contract/session.ts', '../worker/src/api/app.ts'].forEach((source, i) =>
    map.addMapping({ generated: { line: i + 1, column: 0 }, original: { line: 1, column: 0 }, source }),
  );
  const frame = (functionName: string, lineNumber = -1, url = 'index.js') => ({ functionName, url, lineNumber, columnNumber: 0 });
  const profile = {
    nodes: [
      { id: 1, callFrame: frame('(root)', -1, ''), children: [2, 3, 4, 5] },
      { id: 2, callFrame: frame('(idle)', -1, '') },
      { id: 3, callFrame: frame('(garbage collector)', -1, '') },
      // The top level: V8 saw it three times on the contract's line, once on the app's.
      { id: 4, callFrame: frame(''), children: [7], positionTicks: [{ line: 2, ticks: 3 }, { line: 3, ticks: 1 }] },
      // A module esbuild wrapped, named by its path: all under it is its evaluation, zod's functions included.
      { id: 5, callFrame: frame('node_modules/node-forge/lib/pki.js', 5), children: [6] },
      { id: 6, callFrame: frame('object', 0) },
      // zod called from the top level: zod's.
      { id: 7, callFrame: frame('object', 0) },
    ],
    samples: [2, 3, 4, 6, 7],
    timeDeltas: [100_000, 1000, 4000, 2000, 3000],
  };
  expect(startupBySource(profile, JSON.parse(map.toString()))).toEqual([
    { where: 'worker/src/contract', ms: 3 },
    { where: 'npm:zod', ms: 3 },
    { where: 'npm:node-forge', ms: 2 },
    { where: '(garbage collector)', ms: 1 },
    { where: 'worker/src/api', ms: 1 },
  ]);
});

it("counts a minified line's top-level ticks for no module: V8 gives lines without columns, and the line holds several", () => {
  // One minified line: fontkit's code, then the app's.
  const map = new SourceMapGenerator({ file: 'index.js' });
  map.addMapping({ generated: { line: 1, column: 0 }, original: { line: 1, column: 0 }, source: '../node_modules/@pdf-lib/fontkit/dist/fontkit.es.js' });
  map.addMapping({ generated: { line: 1, column: 500 }, original: { line: 1, column: 0 }, source: '../worker/src/app.tsx' });
  const profile = {
    nodes: [
      { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1, columnNumber: -1 }, children: [2] },
      { id: 2, callFrame: { functionName: '', url: 'index.js', lineNumber: -1, columnNumber: -1 }, positionTicks: [{ line: 1, ticks: 2 }] },
    ],
    samples: [2],
    timeDeltas: [2000],
  };
  expect(startupBySource(profile, JSON.parse(map.toString()))).toEqual([{ where: '(top-level bundle code)', ms: 2 }]);
});
