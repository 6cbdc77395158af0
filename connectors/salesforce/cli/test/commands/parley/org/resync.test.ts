import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import OrgResync from '../../../../src/commands/parley/org/resync.js';
import { FakeWorker } from '../../../support/fake-worker.js';
import { printedJson, runCommand } from '../../../support/run-command.js';
import { schemaProblems } from '../../../support/result-schema.js';

describe('sf parley org resync', () => {
  const worker = new FakeWorker();
  const flags = () => ['--worker-url', worker.url.href, '--token', worker.token];
  beforeAll(() => worker.start());
  afterAll(() => worker.stop());
  beforeEach(() => {
    worker.requests.length = 0;
    worker.crmConnection = { loginUrl: 'https://login.salesforce.com', username: 'parley@acme.example' };
    worker.resyncAnswer = { queued: 3, truncated: false };
    vi.stubEnv('PARLEY_URL', undefined);
    vi.stubEnv('PARLEY_TOKEN', undefined);
  });
  afterEach(() => vi.unstubAllEnvs());

  it('asks the Worker to write every linked session again and says how many', async () => {
    const run = await runCommand(OrgResync, flags());
    expect(run.error).toBeUndefined();
    expect(worker.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/v1/crm/salesforce/resync']);
    expect(worker.requests[0]!.headers.authorization).toBe(`Bearer ${worker.token}`);
    expect(run.stdout).toContain('3 sessions will be written to Salesforce again within minutes.');
    expect(run.stderr).not.toContain('Only the sessions changed most recently');
  });

  it('--json gives the count, matching the schema, and warns when older sessions were left', async () => {
    worker.resyncAnswer = { queued: 5000, truncated: true };
    const run = await runCommand(OrgResync, [...flags(), '--json']);
    const { status, result } = printedJson(run);
    expect(status).toBe(0);
    expect(result).toEqual({ queued: 5000, truncated: true });
    expect(schemaProblems('parley org resync', result)).toEqual([]);
    const human = await runCommand(OrgResync, flags());
    expect(human.stderr).toContain('Only the sessions changed most recently were queued');
  });

  it("passes on the Worker's refusal when the org is not connected", async () => {
    worker.crmConnection = null;
    const run = await runCommand(OrgResync, flags());
    expect(run.error?.message).toContain('Salesforce is not connected: run `sf parley org connect` first');
  });
});
