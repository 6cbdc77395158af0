// .dev.vars: where local development keeps its secrets (SECRETS_KEY,
// SEAL_P12, SEAL_P12_PASSWORD) for `wrangler dev`, which reads it from beside
// wrangler.toml. Not on wrangler's command line, where every user of the
// machine can read them (ps, /proc/<pid>/cmdline). The file is readable by
// its owner only (0600) from the moment it exists, and git-ignored.
//
// A value the developer set in .dev.vars is theirs and stays; a missing one
// is added (the development ones, made once in .parley/).
import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEV_VARS_FILE = path.join(ROOT, '.dev.vars');

const OWNER_ONLY = 0o600;

/** The file's text, or '' when there is none. */
function readText(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if (err.code === 'ENOENT') return '';
    throw err;
  }
}

/** A variable's value in .dev.vars text (NAME=value or NAME="value"), or null. */
export function devVarValue(text, name) {
  const match = new RegExp(`^\\s*${name}\\s*=\\s*"?([^"\\n]*)"?\\s*$`, 'm').exec(text);
  return match ? match[1].trim() : null;
}

/**
 * Makes `file` set each of `names` (or have what `valuesFor` adds for it),
 * and be readable by its owner only. `valuesFor(missing)` gives the values to
 * add for the names the file does not set; it is called only when one is
 * missing (making the development certificate takes a moment). The new file
 * is written whole to a temporary file created 0600, then renamed over the
 * old one: it is never readable by others, not even for a moment, and a
 * reader never sees half of it.
 * @param {string[]} names
 * @param {(missing: string[]) => Record<string, string>} valuesFor
 * @returns {{ file: string, own: string[], added: string[], madePrivate: boolean }}
 */
export function writeDevVars(names, valuesFor, file = DEV_VARS_FILE) {
  const text = readText(file);
  const own = names.filter((name) => devVarValue(text, name) !== null);
  const missing = names.filter((name) => !own.includes(name));
  const madePrivate = text !== '' && (statSync(file).mode & 0o077) !== 0;
  if (missing.length === 0 && !madePrivate) return { file, own, added: [], madePrivate: false };

  const values = missing.length ? Object.entries(valuesFor(missing)) : [];
  for (const [name, value] of values) {
    if (typeof value !== 'string' || /["\n]/.test(value)) throw new Error(`the development value of ${name} cannot be written to .dev.vars`);
  }
  const block = values.length ? ['# Development secrets, added by npm start (made once in .parley/).', ...values.map(([name, value]) => `${name}="${value}"`), ''].join('\n') : '';
  const next = text && !text.endsWith('\n') && block ? `${text}\n${block}` : text + block;

  const tmp = `${file}.${process.pid}.tmp`;
  try {
    unlinkSync(tmp); // left by a crashed run of a process that had this pid
  } catch {
    /* none */
  }
  // 'wx': created here, with this mode (less the umask), or not at all.
  writeFileSync(tmp, next, { mode: OWNER_ONLY, flag: 'wx' });
  renameSync(tmp, file);
  return { file, own, added: values.map(([name]) => name), madePrivate };
}
