// The checked-in false-positive lists (config/security-review/*.json) that
// every analyser's findings are split by: an entry names a rule, a file and a
// `match` text, with a reason a reviewer can read. No line numbers, so edits
// elsewhere in the file keep an entry valid; an entry that covers nothing is
// stale and must go, so a list can neither hide a new finding nor rot.
import { readFileSync } from 'node:fs';

/**
 * Splits violations by the list: an entry covers the violations of its rule
 * in its file whose text (`textOf`: the message, or more where an analyser
 * shows the flagged lines) contains its `match`. Returns the unjustified
 * violations, the justified ones with their entry, and the stale entries.
 */
export function applyFalsePositives(violations, entries, textOf = (v) => v.message) {
  const used = new Set();
  const justified = [];
  const unjustified = [];
  for (const v of violations) {
    const entry = entries.find((e) => e.rule === v.rule && e.file === v.file && textOf(v).includes(e.match));
    if (entry) {
      used.add(entry);
      justified.push({ violation: v, entry });
    } else {
      unjustified.push(v);
    }
  }
  return { unjustified, justified, stale: entries.filter((e) => !used.has(e)) };
}

/** A list, after checking every entry is complete (a reason a reviewer can read, a match that is not empty). */
export function readFalsePositives(file) {
  const { falsePositives } = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(falsePositives)) throw new Error(`${file}: "falsePositives" must be a list`);
  for (const [i, e] of falsePositives.entries()) {
    for (const key of ['rule', 'file', 'match', 'reason']) {
      if (typeof e[key] !== 'string' || e[key].trim() === '') throw new Error(`${file}: falsePositives[${i}].${key} must be a non-empty string`);
    }
  }
  return falsePositives;
}
