// An item's status in the customer's words (ui/customer-status.ts): whose
// move it is, seen by the person reading, never the internal status.
import { describe, expect, it } from 'vitest';
import type { ItemSignerView, ItemView } from '../../../worker/src/contract/session';
import { CUSTOMER_STATUSES, customerStatus, nextActionOf, type CustomerStatus } from '../../../worker/src/ui/customer-status';
import { messagesOf } from '../../../worker/src/i18n/catalogue';
import { LOCALES } from '../../../worker/src/i18n/locales';

const cora = { id: 'par_cora', primary: true };
const colin = { id: 'par_colin', primary: false };
const signer = (role: string, participantId: string | null, done = false, pending = false, turn = !done && !pending): ItemSignerView => ({ role, participantId, pending, done, doneAt: done ? '2026-12-01T10:00:00.000Z' : null, turn });
const doc = (status: ItemView['status'], signers: ItemSignerView[], assignees = ['par_cora']) => ({ kind: 'template_document' as const, status, assignees, signers });
const request = (status: ItemView['status'], assignees = ['par_cora']) => ({ kind: 'document_request' as const, status, assignees, signers: null });

describe('customerStatus', () => {
  it('says "waiting for you" while my own role is unsigned, and "waiting for others" once I signed', () => {
    const item = doc('in_progress', [signer('Customer', 'par_cora'), signer('Cosigner', 'par_colin')]);
    expect(customerStatus(item, cora)).toBe('waiting_for_you');
    expect(customerStatus(item, colin)).toBe('waiting_for_you');
    const coraSigned = doc('in_progress', [signer('Customer', 'par_cora', true), signer('Cosigner', 'par_colin')]);
    expect(customerStatus(coraSigned, cora)).toBe('waiting_for_others');
    expect(customerStatus(coraSigned, colin)).toBe('waiting_for_you');
  });

  it('signed in order: a later signer is not asked before their turn, and the agent first means "waiting for your agent"', () => {
    const customerFirst = doc('sent', [signer('Customer', 'par_cora'), signer('Cosigner', 'par_colin', false, false, false)]);
    expect(customerStatus(customerFirst, cora)).toBe('waiting_for_you');
    expect(customerStatus(customerFirst, colin)).toBe('waiting_for_others');
    const agentFirst = doc('sent', [signer('Agent', null), signer('Customer', 'par_cora', false, false, false)]);
    expect(customerStatus(agentFirst, cora)).toBe('waiting_for_agent');
  });

  it('says "waiting for your agent" when only the agent\'s signature is missing', () => {
    expect(customerStatus(doc('in_progress', [signer('Customer', 'par_cora', true), signer('Agent', null)]), cora)).toBe('waiting_for_agent');
  });

  it('gives the primary customer the roles they still have to assign, and nobody else', () => {
    const item = doc('sent', [signer('Customer', 'par_cora', true), signer('Cosigner', null, false, true)]);
    expect(customerStatus(item, cora)).toBe('waiting_for_you');
    expect(customerStatus(item, colin)).toBe('waiting_for_others');
  });

  it('names a completed document "signed" and any other completed item "done"', () => {
    expect(customerStatus(doc('completed', [signer('Customer', 'par_cora', true)]), cora)).toBe('signed');
    expect(customerStatus(request('completed'), cora)).toBe('done');
    expect(customerStatus(doc('approved', [signer('Customer', 'par_cora', true)]), cora)).toBe('done');
  });

  it('asks the approver, and tells the signer it waits for approval', () => {
    const forwarded = doc('pending_approval', [signer('Customer', 'par_cora', true)], ['par_cora', 'par_anna']);
    expect(customerStatus(forwarded, { id: 'par_anna', primary: false })).toBe('waiting_for_you');
    expect(nextActionOf(forwarded)).toBe('approve');
    expect(customerStatus(forwarded, cora)).toBe('waiting_for_approval');
  });

  it('ends in the customer\'s words: declined, cancelled, expired', () => {
    expect(customerStatus(doc('declined', []), cora)).toBe('declined');
    expect(customerStatus(doc('approval_declined', []), cora)).toBe('declined');
    expect(customerStatus(request('cancelled'), cora)).toBe('cancelled');
    expect(customerStatus(request('expired'), cora)).toBe('expired');
  });

  it('hands a non-document item to its assignees, and a rejected one back to the agent', () => {
    expect(customerStatus(request('sent'), cora)).toBe('waiting_for_you');
    expect(customerStatus(request('sent'), colin)).toBe('waiting_for_others');
    expect(customerStatus(request('rejected'), cora)).toBe('waiting_for_agent');
    expect(nextActionOf(request('sent'))).toBe('send');
    expect(nextActionOf({ kind: 'workflow', status: 'sent' })).toBe('fill');
    expect(nextActionOf(doc('sent', []))).toBe('sign');
    expect(nextActionOf({ kind: 'payment', status: 'sent' })).toBe('pay');
    expect(nextActionOf({ kind: 'task', status: 'sent' })).toBe('done');
  });

  it('hands a document request to the agent once every document is sent, and back to the customer when one is rejected', () => {
    const slot = (status: 'pending' | 'submitted' | 'accepted' | 'rejected') => ({ id: `slt_${status}`, category: 'passport' as const, label: null, required: true, status, reason: null, fileType: status === 'pending' ? null : 'image/jpeg' });
    const withSlots = (...statuses: Parameters<typeof slot>[0][]) => ({ ...request('in_progress'), app: { kind: 'document_request' as const, slots: statuses.map(slot) } });
    expect(customerStatus(withSlots('submitted', 'pending'), cora)).toBe('waiting_for_you');
    expect(customerStatus(withSlots('submitted', 'accepted'), cora)).toBe('waiting_for_agent');
    expect(customerStatus(withSlots('accepted', 'rejected'), cora)).toBe('waiting_for_you');
    expect(customerStatus(withSlots('submitted', 'accepted'), colin)).toBe('waiting_for_others');
  });

  it('has words for every status in every language', () => {
    const seen = new Set<CustomerStatus>();
    for (const status of CUSTOMER_STATUSES) {
      seen.add(status);
      for (const locale of LOCALES) expect(messagesOf(locale)[`common.status.${status}`], `${locale}: ${status}`).toBeTruthy();
    }
    expect(seen.size).toBe(9);
  });
});
