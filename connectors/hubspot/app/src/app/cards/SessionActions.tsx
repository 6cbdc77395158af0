// What an agent does to the session itself: invite a pre-planned one, renew
// (the invitation again, once the customer has opened it; it also reopens an
// ended session), end it, and open it live. The live session is Parley's
// workspace in HubSpot's iframe modal, where its socket works (a card cannot
// hold one): Parley mints a short sign-in link for it, framed for HubSpot.
import { useState } from 'react';
import { Button, ButtonRow, Flex, Text } from '@hubspot/ui-extensions';
import { callParley } from '@parley/hubspot-shared/parley-api';
import { ParleyErrorAlert } from '@parley/hubspot-shared/ParleyErrorAlert';
import type { AgentRoomView, SignInLink } from '@parley/hubspot-shared/parley-types';
import { customerOf, isOpenSession } from './session-presentation';

/** The iframe modal's size: HubSpot's largest, for the workspace's document viewer. */
export const LIVE_MODAL = { width: 1200, height: 900 } as const;

export interface SessionActionsProps {
  view: AgentRoomView;
  /** A write went through: the session as Parley answered it. */
  onChanged: (fresh: AgentRoomView) => void;
  /** The live session's modal was closed: what happened there is worth reading again. */
  onLiveClosed: () => void;
  openIframeModal: (action: { uri: string; height: number; width: number; title?: string }, onClose?: () => void) => void;
}

type Write = 'invite' | 'renew' | 'end';

const FAILED: Record<Write | 'live', string> = {
  invite: 'The invitation was not sent',
  renew: 'The session was not renewed',
  end: 'The session was not ended',
  live: 'The live session could not be opened',
};

export function SessionActions({ view, onChanged, onLiveClosed, openIframeModal }: SessionActionsProps) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ what: Write | 'live'; error: unknown } | null>(null);
  const status = view.session.status;
  const sessionId = view.session.id;
  const customer = customerOf(view);
  const customerEntered = Boolean(customer?.enteredAt);

  const run = async (what: Write | 'live', task: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    try {
      await task();
    } catch (error) {
      setFailure({ what, error });
    } finally {
      setBusy(false);
    }
  };

  const write = (what: Write) => run(what, async () => onChanged(await callParley<AgentRoomView>('POST', `/sessions/${sessionId}/${what}`)));

  const openLive = () =>
    run('live', async () => {
      const link = await callParley<SignInLink>('POST', '/workspace-link', { sessionId, embed: 'hubspot' });
      openIframeModal({ uri: link.url, ...LIVE_MODAL, title: `Parley: ${customer?.name ?? 'live session'}` }, onLiveClosed);
    });

  return (
    <Flex direction="column" gap="xs">
      <ButtonRow>
        <Button testId="open-live" variant="primary" disabled={busy} onClick={() => void openLive()}>
          Open live session
        </Button>
        {status === 'planned' ? (
          <Button testId="invite" disabled={busy} onClick={() => void write('invite')}>
            Invite now
          </Button>
        ) : null}
        {status !== 'planned' ? (
          <Button testId="renew" disabled={busy || !customerEntered} onClick={() => void write('renew')}>
            Renew
          </Button>
        ) : null}
        {isOpenSession(status) ? (
          <Button testId="end" variant="destructive" disabled={busy} onClick={() => void write('end')}>
            End session
          </Button>
        ) : null}
      </ButtonRow>
      {status !== 'planned' && !customerEntered ? <Text variant="microcopy">Renew becomes available once the customer has opened the invitation.</Text> : null}
      {failure ? <ParleyErrorAlert error={failure.error} title={FAILED[failure.what]} /> : null}
    </Flex>
  );
}
