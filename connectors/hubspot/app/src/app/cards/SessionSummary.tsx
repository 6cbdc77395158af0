// What an agent checks at a glance: the customer and whether they are in the
// room now, the session's status, its items (✓ done, ✎ to do, ✗ closed)
// with progress "1/3", and every participant's part.
import { Divider, Flex, Heading, StatusTag, Text } from '@hubspot/ui-extensions';
import type { AgentRoomView } from '@parley/hubspot-shared/parley-types';
import { customerOf, itemLine, itemProgress, participantLine, presenceText, sessionStatusLabel, sessionStatusTag } from './session-presentation';

export function SessionSummary({ view }: { view: AgentRoomView }) {
  const customer = customerOf(view);
  const status = view.session.status;
  return (
    <Flex direction="column" gap="xs">
      <Flex direction="row" gap="sm" align="center">
        <Heading>{customer ? customer.name : 'Session'}</Heading>
        <StatusTag testId="session-status" variant={sessionStatusTag(status)}>
          {sessionStatusLabel(status)}
        </StatusTag>
      </Flex>
      {customer ? <Text testId="customer-presence">{`${[customer.email, customer.phone].filter(Boolean).join(' · ')} — ${presenceText(customer)}`}</Text> : null}
      <Divider />
      <Text testId="item-progress" format={{ fontWeight: 'bold' }}>{`Items ${itemProgress(view.items)} done`}</Text>
      {view.items.length ? (
        view.items.map((item) => (
          <Text key={item.id} testId={`item-${item.id}`}>
            {itemLine(item)}
          </Text>
        ))
      ) : (
        <Text>Nothing sent in this session yet.</Text>
      )}
      <Text format={{ fontWeight: 'bold' }}>Participants</Text>
      {view.participants.map((p) => (
        <Text key={p.id} testId={`participant-${p.id}`}>
          {participantLine(p)}
        </Text>
      ))}
    </Flex>
  );
}
