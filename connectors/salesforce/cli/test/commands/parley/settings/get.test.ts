import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import SettingsGet from '../../../../src/commands/parley/settings/get.js';
import { DEFAULT_SETTINGS, FakeWorker } from '../../../support/fake-worker.js';
import { printedJson, runCommand, tableRow } from '../../../support/run-command.js';
import { schemaProblems } from '../../../support/result-schema.js';

describe('sf parley settings get', () => {
  const worker = new FakeWorker();
  const flags = () => ['--worker-url', worker.url.href, '--token', worker.token];
  beforeAll(() => worker.start());
  afterAll(() => worker.stop());
  beforeEach(() => {
    worker.requests.length = 0;
    worker.teams = [];
    worker.orgOverrides = { session: { accessWindowHours: 72 }, afterEnd: {} };
    vi.stubEnv('PARLEY_URL', undefined);
    vi.stubEnv('PARLEY_TOKEN', undefined);
  });
  afterEach(() => vi.unstubAllEnvs());

  it("prints the org's settings as a table", async () => {
    const run = await runCommand(SettingsGet, flags());
    expect(run.error).toBeUndefined();
    expect(run.stdout).toContain('Org settings');
    expect(tableRow(run.stdout, 'session.accessWindowHours')).toEqual(['session.accessWindowHours', '72']);
    expect(tableRow(run.stdout, 'afterEnd.redirectUrl')).toEqual(['afterEnd.redirectUrl', 'null']);
    expect(worker.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v1/settings']);
    expect(worker.requests[0]!.headers.authorization).toBe(`Bearer ${worker.token}`);
  });

  it('--json gives the Worker answer as it came, matching the schema', async () => {
    const run = await runCommand(SettingsGet, [...flags(), '--json']);
    const { status, result } = printedJson(run);
    expect(status).toBe(0);
    expect(result).toEqual({ settings: { session: { ...DEFAULT_SETTINGS.session, accessWindowHours: 72 }, afterEnd: DEFAULT_SETTINGS.afterEnd } });
    expect(run.result).toEqual(result);
    expect(schemaProblems('parley settings get', result)).toEqual([]);
  });

  it("shows a team's own values next to the values in force", async () => {
    const team = worker.addTeam('Claims');
    worker.teams[0]!.overrides.session.customerChat = false;
    const run = await runCommand(SettingsGet, [...flags(), '--team', 'claims']);
    expect(run.error).toBeUndefined();
    expect(worker.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v1/teams', `GET /api/v1/teams/${team.id}/settings`]);
    expect(run.stdout).toContain('Settings of team Claims');
    expect(tableRow(run.stdout, 'session.customerChat')).toEqual(['session.customerChat', 'false', 'false']);
    expect(tableRow(run.stdout, 'session.accessWindowHours')).toEqual(['session.accessWindowHours', 'inherit', '72']);

    const json = await runCommand(SettingsGet, [...flags(), '--team', 'Claims', '--json']);
    expect(json.result).toMatchObject({ teamId: team.id, name: 'Claims', overrides: { session: { customerChat: false, accessWindowHours: 'inherit' } } });
    expect(schemaProblems('parley settings get', printedJson(json).result)).toEqual([]);
  });

  it('names the teams there are when the team is unknown', async () => {
    worker.addTeam('Claims');
    worker.addTeam('Sales');
    const run = await runCommand(SettingsGet, [...flags(), '--team', 'Support']);
    expect(run.error?.name).toBe('UnknownTeamError');
    expect(run.error?.message).toBe('Parley has no team called "Support".');
    expect(run.error?.actions).toEqual(['The teams are: Claims, Sales.']);
  });

  it('takes the Worker URL and token from PARLEY_URL and PARLEY_TOKEN', async () => {
    vi.stubEnv('PARLEY_URL', worker.url.href);
    vi.stubEnv('PARLEY_TOKEN', worker.token);
    const run = await runCommand(SettingsGet, ['--json']);
    expect(run.error).toBeUndefined();
    expect(worker.requests).toHaveLength(1);
  });

  it('needs a Worker URL and a token', async () => {
    const run = await runCommand(SettingsGet, []);
    expect(run.error?.message).toMatch(/worker-url/);
    expect(worker.requests).toHaveLength(0);
  });
});
