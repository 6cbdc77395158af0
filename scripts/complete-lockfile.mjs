// Completes package-lock.json with the platform builds the registry lacks.
//
// The npm registry this project is installed from does not serve every
// platform build of packages that ship native binaries as optional
// dependencies (workerd's macOS and Windows builds, rollup's builds for other
// systems at its newest version), so `npm install` leaves them out of the
// lock, and `npm ci` then refuses the lock as out of sync with package.json
// ("Missing: @cloudflare/workerd-darwin-64@ from lock file"). This adds an
// entry for each such optional dependency (version, os, cpu, libc read from
// its name; no integrity, which npm cannot know without the tarball). npm ci
// skips them by platform. Safe to run again.
//
// Run it after any `npm install` that changes the lock:
//   node scripts/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../package-lock.json');

const OS = { android: 'android', darwin: 'darwin', freebsd: 'freebsd', linux: 'linux', openbsd: 'openbsd', openharmony: 'openharmony', win32: 'win32', windows: 'win32' };
const CPU = { 64: 'x64', x64: 'x64', arm64: 'arm64', arm: 'arm', ia32: 'ia32', loong64: 'loong64', ppc64: 'ppc64', riscv64: 'riscv64', s390x: 's390x' };

/** os, cpu and libc of a platform build, from names like workerd-darwin-arm64 or rollup-linux-x64-musl; null if the name says none. */
export function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const at = parts.findIndex((p) => OS[p]);
  if (at < 0) return null;
  const cpu = CPU[parts[at + 1]];
  if (!cpu) return null;
  const rest = parts.slice(at + 2).join('-');
  const libc = OS[parts[at]] !== 'linux' ? null : /musl/.test(rest) ? 'musl' : /gnu/.test(rest) ? 'glibc' : null;
  return { os: OS[parts[at]], cpu, libc };
}

const lock = JSON.parse(readFileSync(file, 'utf8'));
const added = [];
for (const [key, pkg] of Object.entries(lock.packages)) {
  if (!key || !pkg.optionalDependencies) continue;
  const prefix = key.slice(0, key.lastIndexOf('node_modules/'));
  for (const [dep, version] of Object.entries(pkg.optionalDependencies)) {
    // Resolved the way npm does: next to the package, else higher up.
    const candidates = [`${key}/node_modules/${dep}`, `${prefix}node_modules/${dep}`, `node_modules/${dep}`];
    if (candidates.some((k) => lock.packages[k])) continue;
    const platform = platformOf(dep);
    if (!platform) continue;
    lock.packages[`${prefix}node_modules/${dep}`] = {
      version,
      cpu: [platform.cpu],
      dev: pkg.dev,
      ...(platform.libc ? { libc: [platform.libc] } : {}),
      optional: true,
      os: [platform.os],
    };
    added.push(dep);
  }
}
if (added.length) {
  // npm keeps the root entry ("") first and the rest sorted by path.
  const [root, ...rest] = Object.entries(lock.packages);
  lock.packages = Object.fromEntries([root, ...rest.sort(([a], [b]) => a.localeCompare(b, 'en'))]);
  writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
}
console.log(`package-lock.json: ${added.length} platform entr${added.length === 1 ? 'y' : 'ies'} added${added.length ? `: ${added.join(', ')}` : ''}`);
