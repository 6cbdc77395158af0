// What an agent checks at a glance: the customer and whether they are in the
// room now, the session's status, its items (✓ done, ✎ to do, ✗ closed)
// with progress "1/3", each document's own signers and count, each app's
// state (documents asked for, a payment, a review, a workflow with its steps
// under it), and every participant's part.
import { Divider, Flex, Heading, StatusTag, Text } from '@hubspot/ui-extensions';
import type { AgentRoomView, ItemView } from '@parley/hubspot-shared/parley-types';
import { appLines, stepLine, stepsOf, topLevelItems } from './app-presentation';
import { customerOf, itemLine, itemProgress, participantLine, presenceText, sessionStatusLabel, sessionStatusTag, signedCount, signerLine } from './session-presentation';

/** An app's own lines under its item (testIds item-<id>-app-<n>). */
function AppLines({ item }: { item: ItemView }) {
  return (
    <>
      {appLines(item).map((line, i) => (
        <Text key={`${item.id}-app-${i}`} testId={`item-${item.id}-app-${i}`} variant="microcopy">
          {line}
        </Text>
      ))}
    </>
  );
}

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
        topLevelItems(view.items).map((item) => (
          <Flex key={item.id} direction="column" gap="flush">
            <Text testId={`item-${item.id}`}>{itemLine(item)}</Text>
            <AppLines item={item} />
            {/* A workflow: its steps in order, each with its own app lines. */}
            {item.kind === 'workflow'
              ? stepsOf(view.items, item.id).map((step, _i, steps) => (
                  <Flex key={step.id} direction="column" gap="flush">
                    <Text testId={`item-${step.id}`} variant="microcopy">
                      {stepLine(step, steps.length)}
                    </Text>
                    <AppLines item={step} />
                  </Flex>
                ))
              : null}
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
