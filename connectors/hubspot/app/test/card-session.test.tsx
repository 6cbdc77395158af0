// A session open on the card: the record's sessions (the newest open one
// opened by itself), its status, items with ✓/✎ and progress, participants
// and the customer's presence; a message, a template, invite, end, and the
// live session in HubSpot's iframe modal. After each write the record's
// properties are refreshed, since Parley writes the session back to them.
import { Alert, Button, Select, StatusTag, Text, TextArea } from '@hubspot/ui-extensions';
import { describe, expect, it } from 'vitest';
import { eventually } from './support/eventually';
import { change } from './support/change';
import { parley } from './support/fake-parley';
import { recorded } from './support/recorded';
import { CORA, renderCard } from './support/render-card';

const LIST = /^\/sessions\?/;
const SESSION = '/sessions/ses_CUee4JoMb99wEwkm';

async function openedCard() {
  parley.on('GET', LIST, 'listSessions').on('GET', SESSION, 'getSessionActive').on('GET', '/templates', 'listTemplates').on('GET', '/workflows', 'listWorkflows');
  const r = renderCard({ properties: CORA });
  await r.waitFor(() => expect(r.findByTestId(StatusTag, 'session-status').text).toBe('Active'));
  return r;
}

describe('the session on the card', () => {
  it("opens the record's newest open session, with its items, progress and who is there", async () => {
    const r = await openedCard();
    expect(parley.callsTo('GET', LIST)[0]!.path).toBe('/sessions?crmSystem=hubspot&crmObject=contacts&crmRecordId=51');
    expect(r.findByTestId(Text, 'item-progress').text).toBe('Items 1/3 done');
    expect(r.findByTestId(Text, 'item-itm_Q2wE4rT6yU8iO0pA').text).toBe('✓ Identity check (Document request): Completed');
    expect(r.findByTestId(Text, 'item-itm_Z1xC3vB5nM7aS9dF').text).toBe('✎ Direct debit mandate (Document): Draft');
    expect(r.findByTestId(Text, 'customer-presence').text).toMatch(/Online now$/);
    expect(r.findByTestId(Text, 'participant-par_Gu4rAntor9Xy2Lm').text).toBe('✎ Glen Lane (Guarantor): Entered · Offline (last seen 21 Nov, 11:40 UTC)');
  });

  it("shows each document's own count and its signers, with their presence", async () => {
    const r = await openedCard();
    expect(r.findByTestId(Text, 'item-itm_rej85DUHsF1fvVOs-signed').text).toBe('Signed 1/2');
    expect(r.findByTestId(Text, 'item-itm_rej85DUHsF1fvVOs-signer-0').text).toBe('✎ Cora Lane (Customer): Not signed yet · Online now');
    expect(r.findByTestId(Text, 'item-itm_rej85DUHsF1fvVOs-signer-1').text).toBe('✓ Glen Lane (Guarantor): Signed 21 Nov, 11:30 UTC · Offline (last seen 21 Nov, 11:40 UTC)');
    // Each document counts its own signers; an item that is not a document has none.
    expect(r.findByTestId(Text, 'item-itm_Z1xC3vB5nM7aS9dF-signed').text).toBe('Signed 0/1');
    expect(r.maybeFind(Text, { testId: 'item-itm_Q2wE4rT6yU8iO0pA-signed' })).toBeNull();
  });

  it('lists the sessions, newest first, when the agent goes back', async () => {
    const r = await openedCard();
    r.findByTestId(Button, 'back').trigger('onClick');
    await r.waitFor(() => expect(r.findAll(StatusTag).map((t) => t.text)).toEqual(['Active', 'Ended']));
    r.findByTestId(Button, 'open-ses_7hKq2LmN4pRs8TvW').trigger('onClick');
    await eventually(() => expect(parley.callsTo('GET', '/sessions/ses_7hKq2LmN4pRs8TvW')).toHaveLength(1));
  });

  it('sends a message, then reads the session again and refreshes the record', async () => {
    const r = await openedCard();
    parley.on('POST', `${SESSION}/messages`, 'postMessage');
    change(r.findByTestId(TextArea, 'message-draft'), '  Thanks Cora, I will check it now ');
    r.findByTestId(Button, 'send-message').trigger('onClick');
    await eventually(() => expect(parley.callsTo('POST', `${SESSION}/messages`)).toHaveLength(1));
    expect(parley.callsTo('POST', `${SESSION}/messages`)[0]!.body).toEqual({ text: 'Thanks Cora, I will check it now' });
    await r.waitFor(() => expect(r.findByTestId(TextArea, 'message-draft').props.value).toBe(''));
    expect(parley.callsTo('GET', SESSION).length).toBe(2);
    expect(r.mocks.actions.refreshObjectProperties.callCount).toBe(1);
  });

  it('sends the chosen template at its current version', async () => {
    const r = await openedCard();
    parley.on('POST', `${SESSION}/documents`, 'sendTemplate').on('GET', '/templates/tpl_Q3xv8PzL0aRk2mWn', 'getTemplateCustomerOnly');
    await r.waitFor(() => expect(r.findByTestId(Select, 'template').props.options).toHaveLength(2));
    expect(r.findByTestId(Button, 'send-template').props.disabled).toBe(true);
    change(r.findByTestId(Select, 'template'), 'tpl_Q3xv8PzL0aRk2mWn');
    await r.waitFor(() => expect(r.findByTestId(Button, 'send-template').props.disabled).toBe(false));
    r.findByTestId(Button, 'send-template').trigger('onClick');
    await eventually(() => expect(parley.callsTo('POST', `${SESSION}/documents`)).toHaveLength(1));
    expect(parley.callsTo('POST', `${SESSION}/documents`)[0]!.body).toEqual({ templateId: 'tpl_Q3xv8PzL0aRk2mWn' });
    await eventually(() => expect(r.mocks.actions.refreshObjectProperties.callCount).toBe(1));
  });

  it('ends the session: the answer shows at once, the chat closes, the record is refreshed', async () => {
    const r = await openedCard();
    parley.on('POST', `${SESSION}/end`, 'endSession');
    r.findByTestId(Button, 'end').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(StatusTag, 'session-status').text).toBe('Ended'));
    expect(r.maybeFindByTestId(TextArea, 'message-draft')).toBeNull();
    expect(r.maybeFindByTestId(Button, 'end')).toBeNull();
    expect(r.mocks.actions.refreshObjectProperties.callCount).toBe(1);
  });

  it('invites a pre-planned session', async () => {
    const planned = recorded('getSessionActive');
    planned.session.status = 'planned';
    parley.on('GET', LIST, 'listSessions').on('GET', SESSION, { status: 200, body: planned }).on('GET', '/templates', 'listTemplates').on('GET', '/workflows', 'listWorkflows').on('POST', `${SESSION}/invite`, 'getSessionActive');
    const r = renderCard({ properties: CORA });
    await r.waitFor(() => expect(r.findByTestId(StatusTag, 'session-status').text).toBe('Pre-planned'));
    expect(r.maybeFindByTestId(Button, 'renew')).toBeNull();
    r.findByTestId(Button, 'invite').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(StatusTag, 'session-status').text).toBe('Active'));
    expect(parley.callsTo('POST', `${SESSION}/invite`)).toHaveLength(1);
  });

  it('opens the live session in the iframe modal with a sign-in link framed for HubSpot', async () => {
    const r = await openedCard();
    parley.on('POST', '/workspace-link', 'workspaceLink');
    r.findByTestId(Button, 'open-live').trigger('onClick');
    await eventually(() => expect(r.mocks.actions.openIframeModal.callCount).toBe(1));
    expect(parley.callsTo('POST', '/workspace-link')[0]!.body).toEqual({ sessionId: 'ses_CUee4JoMb99wEwkm', embed: 'hubspot' });
    const [modal, onClose] = r.mocks.actions.openIframeModal.calls[0]!;
    expect(modal).toEqual({ uri: recorded('workspaceLink').url, width: 1200, height: 900, title: 'Parley: Cora Lane' });
    // Closing the modal reads the session again: what happened live shows on the card.
    const before = parley.callsTo('GET', SESSION).length;
    onClose!();
    await eventually(() => expect(parley.callsTo('GET', SESSION).length).toBe(before + 1));
  });

  it("shows Parley's message when a write is refused", async () => {
    const r = await openedCard();
    parley.on('POST', `${SESSION}/renew`, { status: 409, body: { error: { code: 'conflict', message: 'the customer has not opened the invitation yet' } } });
    r.findByTestId(Button, 'renew').trigger('onClick');
    await r.waitFor(() => expect(r.find(Alert).props.title).toBe('The session was not renewed'));
    expect(r.find(Alert).text).toBe('the customer has not opened the invitation yet');
  });

  it('tells the agent to connect Parley when the account is not connected', async () => {
    parley.on('GET', LIST, 'notConnected');
    const r = renderCard({ properties: CORA });
    await r.waitFor(() => expect(r.find(Alert).props.title).toBe('Connect Parley to this HubSpot account'));
    expect(r.find(Alert).findAll(Text).map((t) => t.text)).toContain(recorded('notConnected').error.message);
  });
});
