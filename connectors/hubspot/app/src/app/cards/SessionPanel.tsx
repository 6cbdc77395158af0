// One session open on the card: read from Parley, kept fresh while it is open
// (use-session-polling.ts), with its summary, chat, templates, workflows and actions.
// Every write answers or is followed by the session as it now is; a refresh
// that started before a newer answer never rolls it back (Parley numbers
// every change: session.version).
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Divider, Flex, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import { callParley, ParleyError } from '@parley/hubspot-shared/parley-api';
import { ParleyErrorAlert } from '@parley/hubspot-shared/ParleyErrorAlert';
import type { AgentRoomView } from '@parley/hubspot-shared/parley-types';
import { MessageBox } from './MessageBox';
import type { PollOutcome } from './poll-schedule';
import { SessionActions, type SessionActionsProps } from './SessionActions';
import { SessionSummary } from './SessionSummary';
import { ItemSender } from './ItemSender';
import { isOpenSession } from './session-presentation';
import { useSessionPolling } from './use-session-polling';

export interface SessionPanelProps {
  sessionId: string;
  onBack: () => void;
  /** The session changed (a write here, or its status as polled): the record's list and properties follow. */
  onChanged: () => void;
  openIframeModal: SessionActionsProps['openIframeModal'];
}

/** A refusal worth asking again about later (too many calls, Parley or the network failing), not one that will stand. */
function isPassing(error: unknown): error is ParleyError {
  return error instanceof ParleyError && (error.status === 429 || error.status === 0 || error.status >= 500);
}

export function SessionPanel({ sessionId, onBack, onChanged, openIframeModal }: SessionPanelProps) {
  const [view, setView] = useState<AgentRoomView | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const version = useRef(-1);
  const status = useRef<string | null>(null);
  const onChangedRef = useRef(onChanged);
  onChangedRef.current = onChanged;

  const show = useCallback((fresh: AgentRoomView) => {
    if (fresh.session.version < version.current) return;
    version.current = fresh.session.version;
    // Parley writes a status change back to the record: let the record's properties follow.
    if (status.current !== null && status.current !== fresh.session.status) onChangedRef.current();
    status.current = fresh.session.status;
    setView(fresh);
  }, []);

  const refresh = useCallback(async (): Promise<PollOutcome> => {
    try {
      show(await callParley<AgentRoomView>('GET', `/sessions/${sessionId}`));
      setFailure(null);
      return { kind: 'ok' };
    } catch (error) {
      setFailure(error);
      return isPassing(error) ? { kind: 'slow_down', retryAfterMs: error.retryAfterMs } : { kind: 'stop' };
    }
  }, [sessionId, show]);

  useEffect(() => {
    version.current = -1;
    status.current = null;
    setView(null);
    setFailure(null);
    void refresh();
  }, [refresh]);

  useSessionPolling(sessionId, view !== null && isOpenSession(view.session.status), refresh);

  const wrote = (fresh?: AgentRoomView) => {
    if (fresh) {
      // The write itself is the change: no second notice from show().
      status.current = fresh.session.status;
      show(fresh);
    } else void refresh();
    onChanged();
  };

  return (
    <Flex direction="column" gap="sm">
      <Button testId="back" variant="transparent" onClick={onBack}>
        ← The record's sessions
      </Button>
      {failure ? <ParleyErrorAlert error={failure} title={view ? 'The session could not be refreshed' : 'The session could not be read'} /> : null}
      {!view && !failure ? <LoadingSpinner label="Reading the session…" /> : null}
      {!view && failure ? (
        <Button testId="retry" onClick={() => void refresh()}>
          Try again
        </Button>
      ) : null}
      {view ? (
        <>
          <SessionSummary view={view} />
          <SessionActions view={view} onChanged={wrote} onLiveClosed={() => void refresh()} openIframeModal={openIframeModal} />
          {isOpenSession(view.session.status) ? (
            <>
              <Divider />
              <MessageBox view={view} onSent={() => wrote()} />
              <Divider />
              <ItemSender kind="template" sessionId={view.session.id} participants={view.participants} onSent={() => wrote()} />
              <Divider />
              <ItemSender kind="workflow" sessionId={view.session.id} participants={view.participants} onSent={() => wrote()} />
            </>
          ) : (
            <Text>This session is over: renew it to work in it again, or open it live to read everything.</Text>
          )}
        </>
      ) : null}
    </Flex>
  );
}
