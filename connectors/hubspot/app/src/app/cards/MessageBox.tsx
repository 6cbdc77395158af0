// The latest of the session's chat and a box to write in it. The whole
// conversation, with files and private sessions, is in the live session.
import { useState } from 'react';
import { Button, Flex, Text, TextArea } from '@hubspot/ui-extensions';
import { callParley } from '@parley/hubspot-shared/parley-api';
import { ParleyErrorAlert } from '@parley/hubspot-shared/ParleyErrorAlert';
import type { AgentRoomView, MessageView } from '@parley/hubspot-shared/parley-types';

/** Parley's limit on a chat message (after trimming): the box stops where Parley would refuse. */
export const MESSAGE_MAX_LENGTH = 4000;
/** The chat messages shown on the card. */
export const MESSAGES_SHOWN = 5;

function authorOf(view: AgentRoomView, m: MessageView): string {
  if (m.author.kind === 'agent') return 'Agent';
  return view.participants.find((p) => p.id === m.author.id)?.name ?? 'Participant';
}

export function MessageBox({ view, onSent }: { view: AgentRoomView; onSent: () => void }) {
  const [draft, setDraft] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const recent = view.messages.filter((m) => !m.threadId).slice(-MESSAGES_SHOWN);

  const send = async () => {
    const text = draft.trim();
    if (!text) return;
    setBusy(true);
    setFailure(null);
    try {
      await callParley<MessageView>('POST', `/sessions/${view.session.id}/messages`, { text });
      setDraft('');
      onSent();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex direction="column" gap="xs">
      <Text format={{ fontWeight: 'bold' }}>Chat</Text>
      {recent.map((m) => (
        <Text key={m.id} testId={`message-${m.id}`}>{`${authorOf(view, m)}: ${m.text ?? (m.file ? `sent ${m.file.name}` : '')}`}</Text>
      ))}
      <TextArea
        testId="message-draft"
        name="message"
        label="Message to the customer"
        maxLength={MESSAGE_MAX_LENGTH}
        value={draft}
        onChange={setDraft}
      />
      {failure ? <ParleyErrorAlert error={failure} title="The message was not sent" /> : null}
      <Button testId="send-message" disabled={busy || !draft.trim()} onClick={() => void send()}>
        Send message
      </Button>
    </Flex>
  );
}
