// Runs an sf command the way plugin-template-sf's tests do (Command.run with
// argv) and keeps everything it printed, so tests can assert on the --json
// result, on the human output, and on what must never be printed.
import { Console } from 'node:console';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { ux } from '@oclif/core';
import { vi } from 'vitest';

// oclif prints through console.log/console.error and tables through
// process.stdout.write, and spinners through the streams' original write
// kept aside when oclif loaded. Ink (behind the tables) builds a console
// with `new console.Console`, which vitest's stand-in console doesn't carry.
const globalConsole = console as Console & { Console?: typeof Console };
globalConsole.Console ??= Console;

export type CommandRun<R> = {
  /** What run() returned; undefined when the command failed. */
  result: R | undefined;
  /** The error the command ended with, if any. */
  error: (Error & { name: string; data?: unknown; actions?: string[] }) | undefined;
  stdout: string;
  stderr: string;
};

type Runnable<R> = { run(argv?: string[], opts?: string): Promise<R> };

/** The plugin's own folder: oclif loads its package.json (bin "sf", topics) as the config. */
export const PLUGIN_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function runCommand<R>(command: Runnable<R>, argv: string[]): Promise<CommandRun<R>> {
  let stdout = '';
  let stderr = '';
  const capture = (sink: 'out' | 'err') => (chunk: unknown) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    if (sink === 'out') stdout += text;
    else stderr += text;
    return true;
  };
  const line = (sink: 'out' | 'err') => (...args: unknown[]) => void capture(sink)(`${format(...args)}\n`);
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(capture('out') as typeof process.stdout.write),
    vi.spyOn(process.stderr, 'write').mockImplementation(capture('err') as typeof process.stderr.write),
    vi.spyOn(console, 'log').mockImplementation(line('out')),
    vi.spyOn(console, 'info').mockImplementation(line('out')),
    vi.spyOn(console, 'error').mockImplementation(line('err')),
    vi.spyOn(console, 'warn').mockImplementation(line('err')),
    vi.spyOn(ux.action as unknown as { _write(std: string, s: string | string[]): void }, '_write').mockImplementation((std, s) =>
      capture(std === 'stdout' ? 'out' : 'err')([s].flat().join('')),
    ),
  ];
  try {
    const result = await command.run(argv, PLUGIN_ROOT);
    return { result, error: undefined, stdout, stderr };
  } catch (error) {
    return { result: undefined, error: error as CommandRun<R>['error'], stdout, stderr };
  } finally {
    for (const spy of spies) spy.mockRestore();
    // SfCommand sets the exit code of a failed command; the test run's own must stay untouched.
    process.exitCode = undefined;
  }
}

/** The JSON a --json run printed (SfCommand's envelope: status, result, warnings). */
export function printedJson(run: CommandRun<unknown>): { status: number; result?: unknown; name?: string; message?: string; warnings: unknown[] } {
  return JSON.parse(run.stdout) as ReturnType<typeof printedJson>;
}

/**
 * The cells of the printed table row whose first cell is `key`. oclif draws
 * tables with box characters in a terminal and plain columns under CI, so the
 * row is split on either.
 */
export function tableRow(stdout: string, key: string): string[] | undefined {
  for (const line of stdout.split('\n')) {
    const cells = line.split(/\s*│\s*|\s{2,}/).map((cell) => cell.trim()).filter(Boolean);
    if (cells[0] === key) return cells;
  }
  return undefined;
}
