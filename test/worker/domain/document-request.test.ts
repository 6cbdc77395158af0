import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SLOT_STATUSES, type SlotStatus } from '../../../worker/src/domain/catalogue';
import { imageProblem, MAX_PICTURE_SIDE, MAX_SLOTS, moveSlot, planSlots, requestProgress, sendingSize, type SlotAction } from '../../../worker/src/domain/document-request';

describe('what a request asks for', () => {
  it('asks an ID card as its front and its back, each with the note', () => {
    expect(planSlots([{ category: 'id_card', note: 'Both sides, please' }, { category: 'proof_of_address', required: false }])).toEqual([
      { category: 'id_card_front', label: null, note: 'Both sides, please', required: true },
      { category: 'id_card_back', label: null, note: 'Both sides, please', required: true },
      { category: 'proof_of_address', label: null, note: null, required: false },
    ]);
  });

  it('names the entry that is wrong', () => {
    expect(planSlots([])).toBe('documents: ask for at least one document');
    expect(planSlots([{ category: 'passport' }, { category: 'other', label: '  ' }])).toBe('documents[1].label: name the document you ask for');
    expect(planSlots([{ category: 'other', label: 'x'.repeat(61) }])).toBe('documents[0].label: at most 60 characters');
    expect(planSlots([{ category: 'passport', note: 'n'.repeat(501) }])).toBe('documents[0].note: at most 500 characters');
    expect(planSlots(Array.from({ length: 6 }, () => ({ category: 'id_card' as const })))).toBe(`documents: at most ${MAX_SLOTS} documents in one request (an ID card counts as two)`);
    expect(planSlots([{ category: 'passport', required: false }])).toBe('documents: at least one document must be required');
  });
});

describe('a requested document', () => {
  it('can be replaced until it is accepted, and asked again after a rejection', () => {
    expect(moveSlot('pending', 'submit')).toEqual({ ok: true, to: 'submitted' });
    expect(moveSlot('submitted', 'submit')).toEqual({ ok: true, to: 'submitted' });
    expect(moveSlot('submitted', 'reject')).toEqual({ ok: true, to: 'rejected' });
    expect(moveSlot('rejected', 'submit')).toEqual({ ok: true, to: 'submitted' });
    expect(moveSlot('submitted', 'accept')).toEqual({ ok: true, to: 'accepted' });
    expect(moveSlot('accepted', 'submit')).toEqual({ ok: false, message: 'this document was already accepted; it cannot be changed' });
    expect(moveSlot('pending', 'accept')).toEqual({ ok: false, message: 'no file has been given for this document yet' });
  });

  it('is decided by the agent only on a file given', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SLOT_STATUSES), fc.constantFrom<SlotAction>('accept', 'reject'), (from: SlotStatus, action) => {
        expect(moveSlot(from, action).ok).toBe(from === 'submitted');
      }),
    );
  });
});

describe('the whole request', () => {
  it('is complete when every required document is accepted and none waits for review', () => {
    expect(requestProgress([{ status: 'pending', required: true }])).toBe('waiting');
    expect(requestProgress([{ status: 'submitted', required: true }, { status: 'pending', required: true }])).toBe('in_progress');
    expect(requestProgress([{ status: 'accepted', required: true }, { status: 'rejected', required: true }])).toBe('in_progress');
    expect(requestProgress([{ status: 'accepted', required: true }, { status: 'pending', required: false }])).toBe('complete');
    expect(requestProgress([{ status: 'accepted', required: true }, { status: 'submitted', required: false }])).toBe('in_progress');
  });
});

describe('a picture', () => {
  it('is refused when unreadable or too small on its short side', () => {
    expect(imageProblem(null, 600)).toMatch(/cannot be read/);
    expect(imageProblem({ format: 'jpeg', width: 2000, height: 500 }, 600)).toBe('the picture is too small to read (2000×500 px); take it again closer, at least 600 px on its short side');
    expect(imageProblem({ format: 'png', width: 600, height: 900 }, 600)).toBeNull();
  });
});

describe('a photo the room sends', () => {
  it('keeps a small enough photo as it is, and shrinks a big one to the longest side allowed', () => {
    expect(sendingSize(1600, 1200, 600)).toEqual({ width: 1600, height: 1200 });
    expect(sendingSize(4032, 3024, 600)).toEqual({ width: 2400, height: 1800 });
    expect(sendingSize(3024, 4032, 600)).toEqual({ width: 1800, height: 2400 });
  });

  it('never shrinks a long thin photo below the short side the server needs', () => {
    expect(sendingSize(6000, 700, 600)).toEqual({ width: 5143, height: 600 });
  });

  it('refuses, before sending, a photo too small to read (or with no size at all)', () => {
    expect(sendingSize(800, 599, 600)).toBeNull();
    expect(sendingSize(Number.NaN, 900, 600)).toBeNull();
  });

  it('sends what the server accepts: never under the short side, never over the long side unless the short side needs it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 1, max: 20_000 }), (w, h) => {
        const size = sendingSize(w, h, 600);
        if (Math.min(w, h) < 600) return size === null;
        if (!size) return false;
        const short = Math.min(size.width, size.height);
        const long = Math.max(size.width, size.height);
        return short >= 600 && size.width <= w && size.height <= h && (long <= MAX_PICTURE_SIDE || short === 600);
      }),
    );
  });
});
