import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import SettingsSet from '../../../../src/commands/parley/settings/set.js';
import { FakeWorker } from '../../../support/fake-worker.js';
import { printedJson, runCommand } from '../../../support/run-command.js';
import { schemaProblems } from '../../../support/result-schema.js';

describe('sf parley settings set', () => {
  const worker = new FakeWorker();
  const flags = () => ['--worker-url', worker.url.href, '--token', worker.token];
  beforeAll(() => worker.start());
  afterAll(() => worker.stop());
  beforeEach(() => {
    worker.requests.length = 0;
    worker.teams = [];
    worker.orgOverrides = { session: {}, afterEnd: {} };
  });
  const patches = () => worker.requests.filter((r) => r.method === 'PATCH');

  it('changes an org setting and says what is in force now', async () => {
    const run = await runCommand(SettingsSet, [...flags(), '--name', 'session.accessWindowHours', '--value', '72']);
    expect(run.error).toBeUndefined();
    expect(patches().map((r) => [r.path, r.json])).toEqual([['/api/v1/settings', { session: { accessWindowHours: 72 } }]]);
    expect(run.stdout).toContain('session.accessWindowHours is now 72 for the org.');
    expect(worker.orgOverrides.session.accessWindowHours).toBe(72);
  });

  it('--json gives the Worker answer, matching the schema', async () => {
    const run = await runCommand(SettingsSet, [...flags(), '--name', 'session.otpRequired', '--value', 'true', '--json']);
    const { result } = printedJson(run);
    expect(result).toMatchObject({ settings: { session: { otpRequired: true } } });
    expect(schemaProblems('parley settings set', result)).toEqual([]);
  });

  it('reads JSON values (the auto-close delay), null and text', async () => {
    await runCommand(SettingsSet, [...flags(), '--name', 'session.inactiveAutoClose', '--value', '{"days":0,"hours":4,"minutes":0}']);
    await runCommand(SettingsSet, [...flags(), '--name', 'afterEnd.redirectUrl', '--value', 'https://example.com/thanks']);
    await runCommand(SettingsSet, [...flags(), '--name', 'afterEnd.redirectUrl', '--value', 'null']);
    expect(patches().map((r) => r.json)).toEqual([
      { session: { inactiveAutoClose: { days: 0, hours: 4, minutes: 0 } } },
      { afterEnd: { redirectUrl: 'https://example.com/thanks' } },
      { afterEnd: { redirectUrl: null } },
    ]);
  });

  it('sets and un-sets a team value with "inherit"', async () => {
    const team = worker.addTeam('Claims');
    const set = await runCommand(SettingsSet, [...flags(), '--team', 'Claims', '--name', 'session.accessWindowHours', '--value', '24']);
    expect(set.error).toBeUndefined();
    expect(set.stdout).toContain('session.accessWindowHours for team Claims is now 24 (in force for the team: 24).');
    const inherit = await runCommand(SettingsSet, [...flags(), '--team', 'Claims', '--name', 'session.accessWindowHours', '--value', 'inherit', '--json']);
    expect(patches().map((r) => [r.path, r.json])).toEqual([
      [`/api/v1/teams/${team.id}/settings`, { session: { accessWindowHours: 24 } }],
      [`/api/v1/teams/${team.id}/settings`, { session: { accessWindowHours: 'inherit' } }],
    ]);
    const result = printedJson(inherit).result;
    expect(result).toMatchObject({ overrides: { session: { accessWindowHours: 'inherit' } }, effective: { session: { accessWindowHours: 168 } } });
    expect(schemaProblems('parley settings set', result)).toEqual([]);
  });

  it('refuses "inherit" for the org without asking the Worker', async () => {
    const run = await runCommand(SettingsSet, [...flags(), '--name', 'session.accessWindowHours', '--value', 'inherit']);
    expect(run.error?.name).toBe('InheritNeedsTeamError');
    expect(worker.requests).toHaveLength(0);
  });

  it('refuses an unknown setting name and lists the real ones', async () => {
    const run = await runCommand(SettingsSet, [...flags(), '--name', 'session.accessWindowDays', '--value', '3']);
    expect(run.error?.name).toBe('UnknownSettingError');
    expect(run.error?.message).toBe('Parley has no setting called "session.accessWindowDays".');
    expect(run.error?.actions?.[0]).toContain('session.accessWindowHours, session.inactiveAutoClose');
    expect(run.stderr).toContain('session.accessWindowDays');
    expect(patches()).toHaveLength(0);
    const noGroup = await runCommand(SettingsSet, [...flags(), '--name', 'accessWindowHours', '--value', '3']);
    expect(noGroup.error?.name).toBe('UnknownSettingError');
  });

  it("surfaces the Worker's message when the value is out of range", async () => {
    const run = await runCommand(SettingsSet, [...flags(), '--name', 'session.accessWindowHours', '--value', '99999', '--json']);
    expect(run.error?.name).toBe('WorkerRefusedError');
    expect(run.error?.message).toBe('Parley refused PATCH /settings: body.session.accessWindowHours: must be 1 to 2160 hours (HTTP 422, invalid_request).');
    expect(printedJson(run)).toMatchObject({ status: 1, name: 'WorkerRefusedError', data: { status: 422, code: 'invalid_request' } });
  });

  it('says when the token is not an admin’s', async () => {
    worker.failNext('GET', '/api/v1/settings', 403, 'admin_only', 'only an admin can do this');
    const run = await runCommand(SettingsSet, [...flags(), '--name', 'session.accessWindowHours', '--value', '72']);
    expect(run.error?.name).toBe('WorkerForbiddenError');
    expect(run.error?.message).toContain('only an admin can do this');
    expect(run.error?.actions).toEqual(['Use the token of a Parley admin.']);
  });
});
