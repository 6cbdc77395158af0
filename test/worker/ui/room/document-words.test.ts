// What the customer's document page says, shared by the server page and its
// script: the one status line (consent first, fields left, waiting for whom,
// limited access with {time} for a <time>) and what happens after signing.
import { describe, expect, it } from 'vitest';
import type { DocumentItemView } from '../../../../worker/src/contract/documents';
import { translatorFor } from '../../../../worker/src/i18n/catalogue';
import { iHaveSigned, statusText, whatHappensNext } from '../../../../worker/src/ui/room/document-words';

const en = translatorFor('en');
const role = (name: string, assigned: string | null, done = false, actingNow = false) => ({ name, assigned, participant: null, done, doneAt: done ? '2026-11-22T10:24:00.000Z' : null, pending: false, actingNow });

function view(status: string, roles: ReturnType<typeof role>[], extra: Partial<DocumentItemView['document']> = {}): DocumentItemView {
  return {
    item: { id: 'itm_IIIIIIIIIIIIIIII', kind: 'template_document', name: 'Lease', status, assignees: [], threadId: null, reason: null, signers: null, createdAt: '', updatedAt: '' },
    document: { itemId: 'itm_IIIIIIIIIIIIIIII', name: 'Lease', status, roles, myRoles: ['Customer'], myTurn: true, fields: [], sealed: null, approval: null, ...extra },
  } as unknown as DocumentItemView;
}
const full = { mayAct: true, assigning: false, consented: true, missing: 0 };

describe('the status line', () => {
  it('asks for consent first, then counts the required fields left, then says Finish', () => {
    const v = view('sent', [role('Customer', 'par_A', false, true)]);
    expect(statusText(en, v, { ...full, consented: false, missing: 2 }, null)).toBe('Read and accept the terms below to start.');
    expect(statusText(en, v, { ...full, missing: 2 }, null)).toBe('2 required fields left.');
    expect(statusText(en, v, { ...full, missing: 1 }, null)).toBe('One required field left.');
    expect(statusText(en, v, full, null)).toBe('All done: press Finish to sign.');
    expect(statusText(translatorFor('he'), v, { ...full, missing: 2 }, null)).toBe('נשארו 2 שדות חובה.');
  });

  it('says who it waits for, and limited access once with {time} left for a <time>', () => {
    const v = view('in_progress', [role('Customer', 'par_A', true), role('Agent', 'agent', false, true)], { myTurn: false });
    expect(statusText(en, v, full, null)).toBe('Waiting for Agent.');
    expect(statusText(en, v, { ...full, mayAct: false }, '2026-12-01T00:00:00.000Z')).toBe('This session has ended: view and download only, until {time}.');
    expect(statusText(en, v, { ...full, mayAct: false }, null)).toBe('This session has ended: view and download only.');
  });
});

describe('after signing', () => {
  it('says the agent will countersign and the signed copy will follow; once sealed, that it is ready', () => {
    const waiting = view('in_progress', [role('Customer', 'par_A', true), role('Agent', 'agent')], { myTurn: false });
    expect(iHaveSigned(waiting)).toBe(true);
    expect(whatHappensNext(en, waiting)).toEqual({ lines: ['Your agent will countersign it.', 'Once everyone has signed, the signed copy will be here and sent to you.'], sealed: false });
    const others = view('in_progress', [role('Customer', 'par_A', true), role('Cosigner', 'par_B')], { myTurn: false });
    expect(whatHappensNext(en, others).lines[0]).toBe('Others still have to sign. You can follow them here.');
    const sealing = view('in_progress', [role('Customer', 'par_A', true)], { myTurn: false });
    expect(whatHappensNext(en, sealing).lines).toEqual(['Your signed copy is being prepared. It will be here in a moment.']);
    const sealed = view('completed', [role('Customer', 'par_A', true)], { myTurn: false, sealed: { sha256: 'x', at: '2026-11-22T10:25:00.000Z' } });
    expect(whatHappensNext(en, sealed)).toEqual({ lines: ['Your signed copy is ready.'], sealed: true });
    expect(iHaveSigned(view('sent', [role('Customer', 'par_A')]))).toBe(false);
  });
});
