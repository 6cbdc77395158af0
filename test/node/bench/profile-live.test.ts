// Where the live-path profile says a chat POST's JavaScript time goes
// (bench/profile-live.mjs): each sample by area, through the bundle's source
// map, with the gap after an idle wait not given to whatever ran first.
import { SourceMapGenerator } from 'source-map-js';
import { expect, it } from 'vitest';
import { liveAreas } from '../../../bench/profile-live.mjs';

it('puts samples in the first area up their stack, counts idle gaps only up to the cap, and divides by the POSTs', () => {
  const map = new SourceMapGenerator({ file: 'index.js' });
  ['../node_modules/hono/dist/router/trie-router/node.js', '../worker/src/room/presence.ts', '../worker/src/api/messages.ts', '../node_modules/hono/dist/hono-base.js'].forEach((source, i) =>
    map.addMapping({ generated: { line: i + 1, column: 0 }, original: { line: 1, column: 0 }, source }),
  );
  const frame = (functionName: string, lineNumber = -1, url = 'index.js') => ({ functionName, url, lineNumber, columnNumber: 0 });
  const profile = {
    nodes: [
      { id: 1, callFrame: frame('(root)', -1, ''), children: [2, 3, 6] },
      { id: 2, callFrame: frame('(idle)', -1, '') },
      { id: 3, callFrame: frame('dispatch', 3), children: [4, 5] }, // hono-base.js
      { id: 4, callFrame: frame('search', 0) }, // the router, under hono
      { id: 5, callFrame: frame('handler', 2), children: [7] }, // the route, under hono
      { id: 6, callFrame: frame('(garbage collector)', -1, '') },
      { id: 7, callFrame: frame('send', -1, '') }, // a native call from the route: the route's
    ],
    // The router ran first after 5 ms idle: 150 µs counted, not 5,000.
    samples: [2, 4, 5, 7, 6, 3],
    timeDeltas: [900, 5000, 100, 50, 40, 60],
  };
  const { activeMs, longestGcMs, areas } = liveAreas(profile, JSON.parse(map.toString()), 2);
  expect(activeMs).toBeCloseTo((150 + 100 + 50 + 40 + 60) / 1000 / 2);
  expect(longestGcMs).toBe(0.04);
  expect(Object.fromEntries(areas.map((a) => [a.name, a.ms]))).toEqual({
    'hono: router': 0.075,
    'Worker: route handler, validation (zod)': 0.075,
    'hono: request, context, middleware': 0.03,
    'V8 (garbage collector)': 0.02,
  });
});

it('measures the longest collection as consecutive collector samples, whole', () => {
  const frame = (functionName: string) => ({ functionName, url: '', lineNumber: -1, columnNumber: -1 });
  const profile = {
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 3, 4] },
      { id: 2, callFrame: frame('(idle)') },
      { id: 3, callFrame: frame('(garbage collector)') },
      { id: 4, callFrame: frame('(program)') },
    ],
    // Two collections: 30 ms in three samples, then 500 µs.
    samples: [3, 3, 3, 4, 3, 2],
    timeDeltas: [10_000, 12_000, 8_000, 100, 500, 50],
  };
  expect(liveAreas(profile, new SourceMapGenerator({ file: 'index.js' }).toJSON(), 1).longestGcMs).toBe(30);
});
