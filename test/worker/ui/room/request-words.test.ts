// What the customer's request page says, shared by the server page and its
// script: each document's name, where it stands, the agent's reason when it
// was sent back, whether it can still be sent, and the line on the whole.
import { describe, expect, it } from 'vitest';
import type { DocumentRequestView } from '../../../../worker/src/contract/document-requests';
import { translatorFor } from '../../../../worker/src/i18n/catalogue';
import { requestModel, slotTitle } from '../../../../worker/src/ui/room/request-words';

const en = translatorFor('en');
type Slot = DocumentRequestView['slots'][number];
const file = { name: 'front.jpg', type: 'image/jpeg', size: 1000, sha256: 'ab'.repeat(32), width: 1600, height: 1000, submittedAt: '2026-12-03T10:00:00.000Z' };
const slot = (id: string, status: Slot['status'], extra: Partial<Slot> = {}): Slot => ({
  id,
  category: 'passport',
  label: null,
  required: true,
  status,
  reason: null,
  fileType: status === 'pending' ? null : 'image/jpeg',
  note: null,
  file: status === 'pending' ? null : file,
  decidedAt: null,
  ...extra,
});
const view = (status: string, slots: Slot[]) => ({ item: { id: 'itm_RRRRRRRRRRRRRRRR', kind: 'document_request', name: 'Your ID', status }, slots }) as unknown as DocumentRequestView;

describe('the request page', () => {
  it('names each document by its category, with the agent’s own label beside it (an "other" document is its label)', () => {
    expect(slotTitle(en, { category: 'id_card_front', label: null })).toBe('ID card — front');
    expect(slotTitle(en, { category: 'id_card_back', label: "Partner's" })).toBe("ID card — back · Partner's");
    expect(slotTitle(en, { category: 'other', label: 'Pay slip' })).toBe('Pay slip');
    expect(slotTitle(translatorFor('he'), { category: 'passport', label: null })).toBe('דרכון');
  });

  it('counts the required documents accepted, and tells why a file was sent back', () => {
    const m = requestModel(en, view('in_progress', [slot('slt_a', 'accepted'), slot('slt_b', 'rejected', { reason: 'Blurred' }), slot('slt_c', 'pending', { required: false })]), true);
    expect(m.progress).toBe('1 of 2 accepted');
    expect(m.slots.map((s) => [s.statusText, s.canSend])).toEqual([
      ['Accepted', false],
      ['Please send it again', true],
      ['Waiting for you', true],
    ]);
    expect(m.slots[1]!.reason).toBe('Your agent says: Blurred');
    expect(m.slots[2]!.optional).toBe(true);
    expect(m.banner).toBeNull();
  });

  it('links what was sent by its fingerprint, so a replaced photo is never shown from the cache', () => {
    const [s] = requestModel(en, view('in_progress', [slot('slt_a', 'submitted')]), true).slots;
    expect(s!.file).toEqual({ name: 'front.jpg', url: `/room/api/requests/itm_RRRRRRRRRRRRRRRR/slots/slt_a/file?v=${'ab'.repeat(8)}`, image: true, text: 'What you sent: front.jpg' });
  });

  it('says when everything is sent, accepted, closed or only to be viewed, and offers no button then', () => {
    expect(requestModel(en, view('in_progress', [slot('slt_a', 'submitted'), slot('slt_b', 'pending', { required: false })]), true).banner).toBe('Everything is sent. Your agent will check it and let you know.');
    const done = requestModel(en, view('completed', [slot('slt_a', 'accepted')]), true);
    expect([done.banner, done.progress]).toEqual(['All your documents are accepted. Thank you!', '1 of 1 accepted']);
    const cancelled = requestModel(en, view('cancelled', [slot('slt_a', 'pending')]), true);
    expect([cancelled.banner, cancelled.slots[0]!.canSend]).toEqual(['This request is closed.', false]);
    const limited = requestModel(en, view('in_progress', [slot('slt_a', 'pending')]), false);
    expect([limited.banner, limited.slots[0]!.canSend]).toEqual(['This session has ended: you can see what you sent, but not send anything more.', false]);
  });
});
