// Completes package-lock.json with workerd's macOS and Windows builds.
//
// The npm registry this project is installed from does not serve
// @cloudflare/workerd-darwin-* and -windows-*, so `npm install` leaves them out
// of the lock, and `npm ci` then refuses the lock as out of sync with
// package.json ("Missing: @cloudflare/workerd-darwin-64@ from lock file").
// This adds an entry for each such optional dependency of every workerd in the
// lock (version, os, cpu; no integrity, which npm cannot know without the
// tarball). On Linux npm ci skips them by platform. Safe to run again.
//
// Run it after any `npm install` that changes workerd's version:
//   node scripts/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../package-lock.json');
const PLATFORMS = { 'darwin-64': ['darwin', 'x64'], 'darwin-arm64': ['darwin', 'arm64'], 'windows-64': ['win32', 'x64'] };

const lock = JSON.parse(readFileSync(file, 'utf8'));
let added = 0;
for (const [key, pkg] of Object.entries(lock.packages)) {
  if (!/(^|\/)node_modules\/workerd$/.test(key)) continue;
  const prefix = key.slice(0, -'workerd'.length);
  for (const [dep, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const platform = PLATFORMS[/^@cloudflare\/workerd-(.+)$/.exec(dep)?.[1]];
    if (!platform || lock.packages[prefix + dep]) continue;
    const [os, cpu] = platform;
    lock.packages[prefix + dep] = { version, cpu: [cpu], dev: pkg.dev, license: 'Apache-2.0', optional: true, os: [os], engines: { node: '>=16' } };
    added++;
  }
}
if (added) {
  // npm keeps the root entry ("") first and the rest sorted by path.
  const [root, ...rest] = Object.entries(lock.packages);
  lock.packages = Object.fromEntries([root, ...rest.sort(([a], [b]) => a.localeCompare(b, 'en'))]);
  writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
}
console.log(`package-lock.json: ${added} workerd platform entr${added === 1 ? 'y' : 'ies'} added`);
