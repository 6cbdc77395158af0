// What an agent checks at a glance: the customer and whether they are in the
// room now, the session's status, its items (✓ done, ✎ to do, ✗ closed)
// with progress "1/3", each document's own signers and count, and every
// participant's part.
import { Divider, Flex, Heading, StatusTag, Text } from '@hubspot/ui-extensions';
import type { AgentRoomView } from '@parley/hubspot-shared/parley-types';
import { customerOf, itemLine, itemProgress, participantLine, presenceText, sessionStatusLabel, sessionStatusTag, signedCount, signerLine } from './session-presentation';

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
          <Flex key={item.id} direction="column" gap="flush">
            <Text testId={`item-${item.id}`}>{itemLine(item)}</Text>
            {/* A document: its own count, then each signer, as Parley reports them on every refresh. */}
            {item.signers?.length ? (
              <>
                <Text testId={`item-${item.id}-signed`} variant="microcopy" format={{ fontWeight: 'bold' }}>{`Signed ${signedCount(item.signers)}`}</Text>
                {item.signers.map((signer, i) => (
                  <Text key={`${item.id}-${signer.role}`} testId={`item-${item.id}-signer-${i}`} variant="microcopy">
                    {signerLine(signer, view.participants)}
                  </Text>
                ))}
              </>
            ) : null}
          </Flex>
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
