// The plugin keeps plugin-template-sf's conventions: one SfCommand per file
// under src/commands, help text from messages/*.md, and a JSON schema of
// each command's --json result in schemas/, named after the command id.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SfCommand } from '@salesforce/sf-plugins-core';
import { describe, expect, it } from 'vitest';
import { PLUGIN_ROOT } from './support/run-command.js';

const commandsDir = join(PLUGIN_ROOT, 'src', 'commands');
const commandFiles = readdirSync(commandsDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
const commandIds = commandFiles.map((f) => f.replace(/\.ts$/, '').split(/[\\/]/).join(' '));

describe('the sf parley plugin', () => {
  it('has the commands of issue 5, and resync', () => {
    expect(commandIds.sort()).toEqual(['parley org connect', 'parley org resync', 'parley session start', 'parley settings get', 'parley settings set', 'parley template push']);
  });

  it.each(commandFiles)('%s is an SfCommand with its help from messages', async (file) => {
    const { default: command } = (await import(pathToFileURL(join(commandsDir, file)).href)) as {
      default: typeof SfCommand & { flags: Record<string, { summary?: string; description?: string }> };
    };
    expect(command.prototype).toBeInstanceOf(SfCommand);
    expect(command.summary).toMatch(/\.$/);
    expect(command.description?.length).toBeGreaterThan(command.summary!.length);
    expect(command.examples?.length).toBeGreaterThan(0);
    for (const [name, flag] of Object.entries(command.flags)) {
      // sf's own flags (--api-version) carry only a description.
      expect(flag.summary ?? flag.description, `--${name} of ${file}`).toBeTruthy();
    }
  });

  it('has exactly one result schema per command', () => {
    const schemas = readdirSync(join(PLUGIN_ROOT, 'schemas')).sort();
    expect(schemas).toEqual(commandIds.map((id) => `${id.replaceAll(' ', '-')}.json`).sort());
  });
});
