// Parley on a HubSpot record (contacts, companies, deals, tickets; the
// record's tab): start or pre-plan a session for the record's contact, the
// record's sessions, and one session open with its items, participants,
// chat, templates and actions, the live session a click away in HubSpot's
// iframe modal. Everything goes to Parley through hubspot.fetch, which
// HubSpot signs; the Salesforce panel (force-app/…/parleySessionPanel)
// offers the same.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Divider, Flex, Heading, LoadingSpinner, hubspot } from '@hubspot/ui-extensions';
import type { ExtensionPointApiActions, ExtensionPointApiContext } from '@hubspot/ui-extensions';
import { callParley } from '@parley/hubspot-shared/parley-api';
import { ParleyErrorAlert } from '@parley/hubspot-shared/ParleyErrorAlert';
import type { SessionList as SessionListAnswer, SessionListEntry, StartedSession } from '@parley/hubspot-shared/parley-types';
import { cardObjectType } from './object-types';
import { StartFromAssociatedContacts, StartFromContact } from './PrefilledStart';
import { SessionList } from './SessionList';
import { SessionPanel } from './SessionPanel';
import { isOpenSession, newestFirst } from './session-presentation';

hubspot.extend<'crm.record.tab'>(({ context, actions }) => <ParleyCard context={context} actions={actions} />);

export interface ParleyCardProps {
  context: ExtensionPointApiContext<'crm.record.tab'>;
  actions: ExtensionPointApiActions<'crm.record.tab'>;
}

export function ParleyCard({ context, actions }: ParleyCardProps) {
  const objectType = cardObjectType(context.crm.objectTypeId);
  const recordId = String(context.crm.objectId);
  const [sessions, setSessions] = useState<SessionListEntry[] | null>(null);
  const [listFailure, setListFailure] = useState<unknown>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  // On first load only, the session the agent most likely wants: the newest still open.
  const autoOpened = useRef(false);

  const loadSessions = useCallback(async () => {
    if (!objectType) return;
    try {
      // A HubSpot id is unique only within its object: deal 55 and contact 55 are different records.
      const query = new URLSearchParams({ crmSystem: 'hubspot', crmObject: objectType, crmRecordId: recordId });
      const answer = await callParley<SessionListAnswer>('GET', `/sessions?${query}`);
      const list = newestFirst(answer.sessions);
      setSessions(list);
      setListFailure(null);
      if (!autoOpened.current) {
        autoOpened.current = true;
        const open = list.find((s) => isOpenSession(s.status));
        if (open) setOpenId(open.id);
      }
    } catch (error) {
      setListFailure(error);
    }
  }, [objectType, recordId]);

  useEffect(() => {
    if (objectType) void loadSessions();
  }, [objectType, loadSessions]);

  // A write Parley turns into record properties: the list and the record's own fields follow.
  const changed = useCallback(() => {
    void loadSessions();
    actions.refreshObjectProperties();
  }, [loadSessions, actions]);

  const started = (answer: StartedSession, invite: boolean) => {
    autoOpened.current = true;
    setOpenId(answer.session.id);
    const who = answer.participants.find((p) => p.primary)?.name ?? 'the customer';
    const message = answer.reused
      ? `${who} already had a session with you; it is open again${invite ? ' and the invitation is on its way' : ''}.`
      : invite
        ? `The invitation is on its way to ${who}.`
        : `Nothing is sent to ${who} until you invite them.`;
    actions.addAlert({ type: 'success', title: answer.reused ? 'Session reopened' : invite ? 'Session started' : 'Session pre-planned', message });
    changed();
  };

  if (!objectType) {
    return <Alert title="Parley is not available here" variant="warning">Parley's card works on contacts, companies, deals and tickets.</Alert>;
  }

  if (openId) {
    return <SessionPanel sessionId={openId} onBack={() => setOpenId(null)} onChanged={changed} openIframeModal={actions.openIframeModal} />;
  }

  const Start = objectType === 'contacts' ? StartFromContact : StartFromAssociatedContacts;
  return (
    <Flex direction="column" gap="md">
      <Heading>Start a Parley session</Heading>
      <Start objectType={objectType} recordId={recordId} onStarted={started} />
      <Divider />
      <Heading>This record's sessions</Heading>
      {listFailure ? <ParleyErrorAlert error={listFailure} title="The sessions could not be read" /> : null}
      {!sessions && !listFailure ? <LoadingSpinner label="Reading the sessions…" /> : null}
      {sessions ? <SessionList sessions={sessions} onOpen={setOpenId} /> : null}
    </Flex>
  );
}
