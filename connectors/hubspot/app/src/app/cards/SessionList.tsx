// The record's sessions, newest first: who each is for, its status and when
// it began, and a button to open it on the card.
import { Button, Flex, StatusTag, Text } from '@hubspot/ui-extensions';
import type { SessionListEntry } from '@parley/hubspot-shared/parley-types';
import { shortTime } from '@parley/hubspot-shared/short-time';
import { sessionStatusLabel, sessionStatusTag } from './session-presentation';

export function SessionList({ sessions, onOpen }: { sessions: SessionListEntry[]; onOpen: (sessionId: string) => void }) {
  if (!sessions.length) return <Text testId="no-sessions">No Parley session is linked to this record yet.</Text>;
  return (
    <Flex direction="column" gap="xs">
      {sessions.map((s) => (
        <Flex key={s.id} direction="row" gap="sm" align="center" testId={`session-row-${s.id}`}>
          <StatusTag variant={sessionStatusTag(s.status)}>{sessionStatusLabel(s.status)}</StatusTag>
          <Text>{`${s.customer.name}, started ${shortTime(s.createdAt)}`}</Text>
          <Button testId={`open-${s.id}`} size="small" variant="secondary" onClick={() => onOpen(s.id)}>
            Open
          </Button>
        </Flex>
      ))}
    </Flex>
  );
}
