// The flags that say which Parley Worker to talk to and as whom, shared by
// every command that calls the Worker. Both fall back to the environment
// (PARLEY_URL, PARLEY_TOKEN) so scripts need not repeat them.
import { Messages } from '@salesforce/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { ParleyClient } from './parley-client.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@parley/plugin-parley', 'parley.flags');

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The Worker's base URL. https only: the token travels in every request and
 * Salesforce calls out to this URL. Plain http is allowed for a Worker
 * running on this machine.
 */
export function parseWorkerUrl(input: string): URL {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw messages.createError('error.InvalidWorkerUrl', [input]);
  }
  const local = url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname);
  if ((url.protocol !== 'https:' && !local) || url.search || url.hash || url.username || url.password) {
    throw messages.createError('error.InvalidWorkerUrl', [input]);
  }
  return url;
}

export const workerUrlFlag = Flags.custom<URL>({
  summary: messages.getMessage('flags.worker-url.summary'),
  description: messages.getMessage('flags.worker-url.description'),
  env: 'PARLEY_URL',
  required: true,
  parse: async (input) => parseWorkerUrl(input),
});

export const tokenFlag = Flags.custom<string>({
  summary: messages.getMessage('flags.token.summary'),
  description: messages.getMessage('flags.token.description'),
  env: 'PARLEY_TOKEN',
  required: true,
  parse: async (input) => input.trim(),
});

/** The flags of a command that acts as a Parley agent or admin. */
export const workerFlags = {
  'worker-url': workerUrlFlag(),
  token: tokenFlag(),
};

export function clientFor(flags: { 'worker-url': URL; token: string }): ParleyClient {
  return new ParleyClient(flags['worker-url'], flags.token);
}
