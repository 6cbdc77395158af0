// A team's overrides (GET and PATCH /api/v1/teams/{id}/settings): each
// setting is the team's own value or "inherit", which follows the org's.
import { useCallback, useEffect, useState } from 'react';
import { Flex, LoadingSpinner, Select, Text } from '@hubspot/ui-extensions';
import { callParley } from '@parley/hubspot-shared/parley-api';
import { ParleyErrorAlert } from '@parley/hubspot-shared/ParleyErrorAlert';
import type { SettingsAnswer, TeamList, TeamSettings } from '@parley/hubspot-shared/parley-types';
import { SettingsForm } from './SettingsForm';
import type { SettingsValues } from './setting-rules';

export function TeamSettingsPanel({ onSaved }: { onSaved: () => void }) {
  const [teams, setTeams] = useState<TeamList['teams'] | null>(null);
  const [org, setOrg] = useState<SettingsValues | null>(null);
  const [teamId, setTeamId] = useState('');
  const [team, setTeam] = useState<TeamSettings | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    Promise.all([callParley<TeamList>('GET', '/teams'), callParley<SettingsAnswer>('GET', '/settings')])
      .then(([list, answer]) => {
        setTeams(list.teams);
        setOrg(answer.settings as unknown as SettingsValues);
      })
      .catch(setFailure);
  }, []);

  useEffect(() => {
    if (!teamId) return;
    setTeam(null);
    setFailure(null);
    callParley<TeamSettings>('GET', `/teams/${teamId}/settings`).then(setTeam).catch(setFailure);
  }, [teamId]);

  const save = useCallback(
    async (patch: Partial<SettingsValues>) => {
      const answer = await callParley<TeamSettings>('PATCH', `/teams/${teamId}/settings`, patch);
      setTeam(answer);
      return answer.overrides as unknown as SettingsValues;
    },
    [teamId],
  );

  if (failure && !teams) return <ParleyErrorAlert error={failure} title="The teams could not be read" />;
  if (!teams || !org) return <LoadingSpinner label="Reading the teams…" />;
  if (!teams.length) return <Text>This org has no teams yet: every agent follows the org's settings.</Text>;
  return (
    <Flex direction="column" gap="md">
      <Select
        testId="team"
        name="team"
        label="Team"
        placeholder="Choose a team"
        value={teamId}
        options={teams.map((t) => ({ value: t.id, label: t.name }))}
        onChange={(value) => setTeamId(String(value))}
      />
      {failure ? <ParleyErrorAlert error={failure} title="The team's settings could not be read" /> : null}
      {teamId && !team && !failure ? <LoadingSpinner label="Reading the team's settings…" /> : null}
      {team ? <SettingsForm key={team.teamId} testIdPrefix="team" saved={team.overrides as unknown as SettingsValues} orgValues={org} save={save} onSaved={onSaved} /> : null}
    </Flex>
  );
}
